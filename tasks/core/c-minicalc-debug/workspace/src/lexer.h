/* lexer.h - splits a line into tokens. */
#ifndef LEXER_H
#define LEXER_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    T_NUM, T_NAME, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT, T_POW,
    T_LPAREN, T_RPAREN, T_COMMA, T_ASSIGN, T_END
} tok_kind;

typedef struct {
    tok_kind kind;
    const char *text; /* points into the source line */
    size_t len;
    int64_t num;      /* T_NUM only */
    size_t col;       /* 1-based column of the first character */
} token;

/* Tokenises src. On success returns 0 and a malloc'ed array in *toks (the caller frees it), its
 * last element being T_END, with *ntoks counting it. On error returns -1 with a message in err. */
int lex(const char *src, token **toks, size_t *ntoks, char *err, size_t errsize);

#endif
