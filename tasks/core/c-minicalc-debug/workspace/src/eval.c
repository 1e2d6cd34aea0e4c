#include "eval.h"

#include <stdio.h>
#include <string.h>

static int overflow(char *err, size_t errsize) {
    snprintf(err, errsize, "overflow");
    return -1;
}

static int ipow(int64_t base, int64_t exp, int64_t *out) {
    int64_t result = 1;
    while (exp > 0) {
        if (exp & 1) {
            if (__builtin_mul_overflow(result, base, &result)) return -1;
        }
        if (__builtin_mul_overflow(base, base, &base)) return -1;
        exp >>= 1;
    }
    *out = result;
    return 0;
}

static int apply(bin_op op, int64_t a, int64_t b, int64_t *out, char *err, size_t errsize) {
    switch (op) {
    case OP_ADD:
        if (__builtin_add_overflow(a, b, out)) return overflow(err, errsize);
        return 0;
    case OP_SUB:
        if (__builtin_sub_overflow(a, b, out)) return overflow(err, errsize);
        return 0;
    case OP_MUL:
        if (__builtin_mul_overflow(a, b, out)) return overflow(err, errsize);
        return 0;
    case OP_DIV:
    case OP_MOD:
        if (b == 0) {
            snprintf(err, errsize, "division by zero");
            return -1;
        }
        *out = op == OP_DIV ? a / b : a % b;
        return 0;
    case OP_POW:
        if (b < 0) {
            snprintf(err, errsize, "negative exponent");
            return -1;
        }
        if (ipow(a, b, out)) return overflow(err, errsize);
        return 0;
    }
    return overflow(err, errsize);
}

static int name_is(const node *n, const char *s) {
    return n->name_len == strlen(s) && memcmp(n->name, s, n->name_len) == 0;
}

static int call(const node *n, env *e, int64_t *out, char *err, size_t errsize) {
    int is_min = name_is(n, "min"), is_max = name_is(n, "max"), is_abs = name_is(n, "abs");
    if (!is_min && !is_max && !is_abs) {
        snprintf(err, errsize, "unknown function '%.*s'", (int)n->name_len, n->name);
        return -1;
    }
    if (n->nargs == 0 || (is_abs && n->nargs != 1)) {
        snprintf(err, errsize, "wrong number of arguments to '%.*s'", (int)n->name_len, n->name);
        return -1;
    }
    int64_t acc = 0;
    for (size_t i = 0; i < n->nargs; i++) {
        int64_t v;
        if (eval(n->args[i], e, &v, err, errsize)) return -1;
        if (i == 0 || (is_min && v < acc) || (is_max && v > acc)) acc = v;
    }
    if (is_abs && acc < 0) {
        if (acc == INT64_MIN) return overflow(err, errsize);
        acc = -acc;
    }
    *out = acc;
    return 0;
}

int eval(const node *n, env *e, int64_t *out, char *err, size_t errsize) {
    int64_t a, b;
    switch (n->kind) {
    case N_NUM:
        *out = n->num;
        return 0;
    case N_VAR: {
        int64_t *v = env_find(e, n->name, n->name_len);
        if (!v) {
            snprintf(err, errsize, "undefined variable '%.*s'", (int)n->name_len, n->name);
            return -1;
        }
        *out = *v;
        return 0;
    }
    case N_NEG:
        if (eval(n->lhs, e, &a, err, errsize)) return -1;
        if (a == INT64_MIN) return overflow(err, errsize);
        *out = -a;
        return 0;
    case N_BIN:
        if (eval(n->lhs, e, &a, err, errsize)) return -1;
        if (eval(n->rhs, e, &b, err, errsize)) return -1;
        return apply(n->op, a, b, out, err, errsize);
    case N_CALL:
        return call(n, e, out, err, errsize);
    case N_ASSIGN: {
        int64_t *slot = env_slot(e, n->name, n->name_len);
        if (eval(n->lhs, e, &a, err, errsize)) return -1;
        *slot = a;
        *out = a;
        return 0;
    }
    }
    snprintf(err, errsize, "internal error");
    return -1;
}
