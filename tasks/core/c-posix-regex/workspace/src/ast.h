#ifndef MRE_AST_H
#define MRE_AST_H
#include <stddef.h>

/* The parse tree of a pattern (parse.c builds it, compile.c turns it into a program). */
typedef enum { N_CHAR, N_ANY, N_SET, N_BOL, N_EOL, N_CAT, N_ALT, N_REPEAT } node_kind;

#define REPEAT_INF (-1)

typedef struct node {
    node_kind kind;
    unsigned char c;          /* N_CHAR */
    unsigned char set[32];    /* N_SET: bit b set = byte b matches */
    int min, max;             /* N_REPEAT: max may be REPEAT_INF */
    struct node *a, *b;       /* N_CAT, N_ALT: both; N_REPEAT: a */
} node;

/* Parses pattern; returns MRE_OK and *out (free with node_free), or MRE_ESYNTAX / MRE_ENOMEM. */
int parse_pattern(const char *pattern, node **out);
void node_free(node *n);

#endif
