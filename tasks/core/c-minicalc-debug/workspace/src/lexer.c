#include "lexer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

static int push(token **v, size_t *n, size_t *cap, token t) {
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        token *nv = realloc(*v, ncap * sizeof *nv);
        if (!nv) return -1;
        *v = nv;
        *cap = ncap;
    }
    (*v)[(*n)++] = t;
    return 0;
}

/* Reads the decimal literal at s[0..len). Returns 0, or -1 if it does not fit in int64_t. */
static int parse_number(const char *s, size_t len, int64_t *out) {
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (v > (uint64_t)INT64_MAX / 10) return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = (int64_t)v;
    return 0;
}

int lex(const char *src, token **toks, size_t *ntoks, char *err, size_t errsize) {
    token *v = NULL;
    size_t n = 0, cap = 0;
    const char *p = src;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        token t = {T_END, p, 0, 0, (size_t)(p - src) + 1};
        if (*p == '\0') {
            if (push(&v, &n, &cap, t)) goto nomem;
            break;
        }
        const char *start = p;
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p)) p++;
            t.kind = T_NUM;
            if (parse_number(start, (size_t)(p - start), &t.num)) {
                snprintf(err, errsize, "overflow");
                free(v);
                return -1;
            }
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            while (isalnum((unsigned char)*p) || *p == '_') p++;
            t.kind = T_NAME;
        } else {
            switch (*p) {
            case '+': t.kind = T_PLUS; break;
            case '-': t.kind = T_MINUS; break;
            case '*': t.kind = p[1] == '*' ? T_POW : T_STAR; break;
            case '/': t.kind = T_SLASH; break;
            case '%': t.kind = T_PERCENT; break;
            case '(': t.kind = T_LPAREN; break;
            case ')': t.kind = T_RPAREN; break;
            case ',': t.kind = T_COMMA; break;
            case '=': t.kind = T_ASSIGN; break;
            default:
                snprintf(err, errsize, "syntax error at column %zu: unexpected character '%c'",
                         t.col, *p);
                free(v);
                return -1;
            }
            p += t.kind == T_POW ? 2 : 1;
        }
        t.len = (size_t)(p - start);
        if (push(&v, &n, &cap, t)) goto nomem;
    }
    *toks = v;
    *ntoks = n;
    return 0;
nomem:
    free(v);
    snprintf(err, errsize, "out of memory");
    return -1;
}
