/* Recursive-descent parser for the syntax of REGEX.md section 1. */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "mre.h"

typedef struct {
    const unsigned char *s;
    size_t i;
    int err;
} parser;

static node *mk(parser *ps, node_kind k) {
    node *n = calloc(1, sizeof *n);
    if (!n) ps->err = MRE_ENOMEM;
    else n->kind = k;
    return n;
}

void node_free(node *n) {
    if (!n) return;
    node_free(n->a);
    node_free(n->b);
    free(n);
}

static int peek(const parser *ps) { return ps->s[ps->i]; }

static node *parse_alt(parser *ps);

static void set_add(node *n, unsigned c) { n->set[c >> 3] |= (unsigned char)(1u << (c & 7)); }

static node *parse_bracket(parser *ps) {
    /* ps->i is just after '[' */
    node *n = mk(ps, N_SET);
    if (!n) return NULL;
    int negate = 0;
    if (peek(ps) == '^') {
        negate = 1;
        ps->i++;
    }
    int first = 1;
    for (;;) {
        int c = peek(ps);
        if (c == '\0') {
            ps->err = MRE_ESYNTAX;
            node_free(n);
            return NULL;
        }
        if (c == ']' && !first) {
            ps->i++;
            break;
        }
        first = 0;
        ps->i++;
        if (peek(ps) == '-' && ps->s[ps->i + 1] != ']' && ps->s[ps->i + 1] != '\0') {
            int d = ps->s[ps->i + 1];
            ps->i += 2;
            if (d < c) {
                ps->err = MRE_ESYNTAX;
                node_free(n);
                return NULL;
            }
            for (int b = c; b <= d; b++) set_add(n, (unsigned)b);
        } else {
            set_add(n, (unsigned)c);
        }
    }
    if (negate)
        for (int i = 0; i < 32; i++) n->set[i] = (unsigned char)~n->set[i];
    return n;
}

/* Reads a decimal number 0..255 at ps->i; -1 if there is none or it is too big. */
static int parse_number(parser *ps) {
    if (peek(ps) < '0' || peek(ps) > '9') return -1;
    int v = 0;
    while (peek(ps) >= '0' && peek(ps) <= '9') {
        v = v * 10 + (peek(ps) - '0');
        if (v > 255) return -1;
        ps->i++;
    }
    return v;
}

/* ps->i is just after '{'. */
static int parse_interval(parser *ps, int *min, int *max) {
    int m = parse_number(ps);
    if (m < 0) return -1;
    int n = m;
    if (peek(ps) == ',') {
        ps->i++;
        if (peek(ps) == '}') n = REPEAT_INF;
        else {
            n = parse_number(ps);
            if (n < 0 || n < m) return -1;
        }
    }
    if (peek(ps) != '}') return -1;
    ps->i++;
    *min = m;
    *max = n;
    return 0;
}

static int is_repeat_op(int c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

static node *parse_atom(parser *ps) {
    int c = peek(ps);
    node *n;
    switch (c) {
    case '(':
        ps->i++;
        n = parse_alt(ps);
        if (!n) return NULL;
        if (peek(ps) != ')') {
            ps->err = MRE_ESYNTAX;
            node_free(n);
            return NULL;
        }
        ps->i++;
        return n;
    case '[':
        ps->i++;
        return parse_bracket(ps);
    case '.':
        ps->i++;
        return mk(ps, N_ANY);
    case '^':
        ps->i++;
        return mk(ps, N_BOL);
    case '$':
        ps->i++;
        return mk(ps, N_EOL);
    case '\\':
        if (ps->s[ps->i + 1] == '\0') {
            ps->err = MRE_ESYNTAX;
            return NULL;
        }
        n = mk(ps, N_CHAR);
        if (n) n->c = ps->s[ps->i + 1];
        ps->i += 2;
        return n;
    default:
        if (is_repeat_op(c)) {
            ps->err = MRE_ESYNTAX;
            return NULL;
        }
        n = mk(ps, N_CHAR);
        if (n) n->c = (unsigned char)c;
        ps->i++;
        return n;
    }
}

static node *parse_repeat(parser *ps) {
    int bare_bol = peek(ps) == '^';
    node *atom = parse_atom(ps);
    if (!atom) return NULL;
    while (is_repeat_op(peek(ps))) {
        if (bare_bol) {
            ps->err = MRE_ESYNTAX;
            node_free(atom);
            return NULL;
        }
        int min, max;
        int c = peek(ps);
        ps->i++;
        if (c == '*') min = 0, max = REPEAT_INF;
        else if (c == '+') min = 1, max = REPEAT_INF;
        else if (c == '?') min = 0, max = 1;
        else if (parse_interval(ps, &min, &max) != 0) {
            ps->err = MRE_ESYNTAX;
            node_free(atom);
            return NULL;
        }
        node *r = mk(ps, N_REPEAT);
        if (!r) {
            node_free(atom);
            return NULL;
        }
        r->min = min;
        r->max = max;
        r->a = atom;
        atom = r;
    }
    return atom;
}

static node *parse_cat(parser *ps) {
    node *left = NULL;
    while (peek(ps) != '\0' && peek(ps) != '|' && peek(ps) != ')') {
        node *r = parse_repeat(ps);
        if (!r) {
            node_free(left);
            return NULL;
        }
        if (!left) {
            left = r;
            continue;
        }
        node *c = mk(ps, N_CAT);
        if (!c) {
            node_free(left);
            node_free(r);
            return NULL;
        }
        c->a = left;
        c->b = r;
        left = c;
    }
    if (!left && !ps->err) ps->err = MRE_ESYNTAX; /* an empty alternative */
    return left;
}

static node *parse_alt(parser *ps) {
    node *left = parse_cat(ps);
    if (!left) return NULL;
    while (peek(ps) == '|') {
        ps->i++;
        node *r = parse_cat(ps);
        if (!r) {
            node_free(left);
            return NULL;
        }
        node *a = mk(ps, N_ALT);
        if (!a) {
            node_free(left);
            node_free(r);
            return NULL;
        }
        a->a = left;
        a->b = r;
        left = a;
    }
    return left;
}

int parse_pattern(const char *pattern, node **out) {
    parser ps = {(const unsigned char *)pattern, 0, MRE_OK};
    *out = NULL;
    node *n = parse_alt(&ps);
    if (n && peek(&ps) != '\0') { /* a ')' without its '(' */
        node_free(n);
        return MRE_ESYNTAX;
    }
    if (!n) return ps.err ? ps.err : MRE_ESYNTAX;
    *out = n;
    return MRE_OK;
}
