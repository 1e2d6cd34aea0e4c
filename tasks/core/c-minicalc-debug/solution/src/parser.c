#include "parser.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    const token *toks;
    size_t pos;
    char *err;
    size_t errsize;
    int failed;
} parser;

/* Binary operators: precedence (higher binds tighter) and associativity. */
typedef struct {
    tok_kind tok;
    int prec;
    int right_assoc;
    bin_op op;
} binop_info;

static const binop_info BINOPS[] = {
    {T_PLUS, 1, 0, OP_ADD},  {T_MINUS, 1, 0, OP_SUB}, {T_STAR, 2, 0, OP_MUL},
    {T_SLASH, 2, 0, OP_DIV}, {T_PERCENT, 2, 0, OP_MOD}, {T_POW, 4, 1, OP_POW},
};
enum { PREC_UNARY = 3 };

static const binop_info *binop_for(tok_kind k) {
    for (size_t i = 0; i < sizeof BINOPS / sizeof BINOPS[0]; i++)
        if (BINOPS[i].tok == k) return &BINOPS[i];
    return NULL;
}

static const token *peek(parser *p) { return &p->toks[p->pos]; }

static const token *next(parser *p) {
    const token *t = &p->toks[p->pos];
    if (t->kind != T_END) p->pos++;
    return t;
}

static node *fail(parser *p, const token *t) {
    if (!p->failed) {
        if (t->kind == T_END)
            snprintf(p->err, p->errsize, "syntax error at column %zu: unexpected end of line", t->col);
        else
            snprintf(p->err, p->errsize, "syntax error at column %zu: unexpected '%.*s'", t->col,
                     (int)t->len, t->text);
        p->failed = 1;
    }
    return NULL;
}

static node *new_node(node_kind kind) {
    node *n = calloc(1, sizeof *n);
    if (!n) {
        fputs("out of memory\n", stderr);
        abort();
    }
    n->kind = kind;
    return n;
}

static node *parse_stmt(parser *p);
static node *parse_binary(parser *p, int min_prec);

static node *parse_primary(parser *p) {
    const token *t = next(p);
    if (t->kind == T_NUM) {
        node *n = new_node(N_NUM);
        n->num = t->num;
        return n;
    }
    if (t->kind == T_LPAREN) {
        node *n = parse_stmt(p);
        if (!n) return NULL;
        if (peek(p)->kind != T_RPAREN) {
            node_free(n);
            return fail(p, peek(p));
        }
        next(p);
        return n;
    }
    if (t->kind == T_NAME) {
        if (peek(p)->kind != T_LPAREN) {
            node *n = new_node(N_VAR);
            n->name = t->text;
            n->name_len = t->len;
            return n;
        }
        next(p);
        node *n = new_node(N_CALL);
        n->name = t->text;
        n->name_len = t->len;
        size_t cap = 0;
        for (;;) {
            node *arg = parse_stmt(p);
            if (!arg) {
                node_free(n);
                return NULL;
            }
            if (n->nargs == cap) {
                cap = cap ? cap * 2 : 4;
                node **a = realloc(n->args, cap * sizeof *a);
                if (!a) abort();
                n->args = a;
            }
            n->args[n->nargs++] = arg;
            const token *sep = next(p);
            if (sep->kind == T_RPAREN) return n;
            if (sep->kind != T_COMMA) {
                node_free(n);
                return fail(p, sep);
            }
        }
    }
    return fail(p, t);
}

static node *parse_unary(parser *p) {
    if (peek(p)->kind == T_MINUS || peek(p)->kind == T_PLUS) {
        int neg = next(p)->kind == T_MINUS;
        node *operand = parse_binary(p, PREC_UNARY);
        if (!operand || !neg) return operand;
        node *n = new_node(N_NEG);
        n->lhs = operand;
        return n;
    }
    return parse_primary(p);
}

/* Precedence climbing: parses operators of precedence >= min_prec. */
static node *parse_binary(parser *p, int min_prec) {
    node *lhs = parse_unary(p);
    if (!lhs) return NULL;
    for (;;) {
        const binop_info *info = binop_for(peek(p)->kind);
        if (!info || info->prec < min_prec) return lhs;
        next(p);
        int rhs_min = info->right_assoc ? info->prec : info->prec + 1;
        node *rhs = parse_binary(p, rhs_min);
        if (!rhs) {
            node_free(lhs);
            return NULL;
        }
        node *n = new_node(N_BIN);
        n->op = info->op;
        n->lhs = lhs;
        n->rhs = rhs;
        lhs = n;
    }
}

static node *parse_stmt(parser *p) {
    if (peek(p)->kind == T_NAME && p->toks[p->pos + 1].kind == T_ASSIGN) {
        const token *name = next(p);
        next(p);
        node *value = parse_stmt(p);
        if (!value) return NULL;
        node *n = new_node(N_ASSIGN);
        n->name = name->text;
        n->name_len = name->len;
        n->lhs = value;
        return n;
    }
    return parse_binary(p, 1);
}

node *parse(const token *toks, size_t ntoks, char *err, size_t errsize) {
    (void)ntoks;
    parser p = {toks, 0, err, errsize, 0};
    node *n = parse_stmt(&p);
    if (n && peek(&p)->kind != T_END) {
        node_free(n);
        return fail(&p, peek(&p));
    }
    return n;
}

void node_free(node *n) {
    if (!n) return;
    node_free(n->lhs);
    node_free(n->rhs);
    for (size_t i = 0; i < n->nargs; i++) node_free(n->args[i]);
    free(n->args);
    free(n);
}
