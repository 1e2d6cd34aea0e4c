/* Random expressions, printed with the fewest parentheses the grammar needs (plus some extra
 * ones), checked against a simple model of the documented semantics. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc.h"
#include "/opt/harness/include/tinytest.h"

enum { M_NUM, M_VAR, M_NEG, M_ADD, M_SUB, M_MUL, M_DIV, M_MOD, M_POW };
enum { E_OK, E_DIV0, E_OVERFLOW, E_NEGEXP };

typedef struct mnode {
    int kind;
    int64_t num; /* M_NUM: the literal; M_VAR: the variable index */
    struct mnode *l, *r;
} mnode;

static mnode pool[4096];
static int npool;
static uint64_t rng_state;
static int64_t vars[8];

static uint64_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static int chance(int n) { return rnd() % (uint64_t)n == 0; }

static const int64_t BIG[] = {INT64_MAX, 3037000499LL, 3037000500LL, 4611686018427387904LL,
                              4294967296LL, 1000000007LL, 2147483648LL, 9223372036854775806LL};

static mnode *gen(int depth) {
    mnode *n = &pool[npool++];
    n->l = n->r = NULL;
    if (depth <= 0 || chance(4)) {
        if (chance(4)) {
            n->kind = M_VAR;
            n->num = (int64_t)(rnd() % 8);
        } else {
            n->kind = M_NUM;
            n->num = chance(10) ? BIG[rnd() % 8] : (int64_t)(rnd() % 13);
        }
        return n;
    }
    int k = (int)(rnd() % 10);
    if (k < 2) {
        n->kind = M_NEG;
        n->l = gen(depth - 1);
        return n;
    }
    static const int kinds[] = {M_ADD, M_SUB, M_MUL, M_DIV, M_MOD, M_POW, M_SUB, M_POW};
    n->kind = kinds[k - 2];
    n->l = gen(depth - 1);
    if (n->kind == M_POW && chance(2)) {
        mnode *e = &pool[npool++];
        e->kind = M_NUM;
        e->num = (int64_t)(rnd() % 5);
        e->l = e->r = NULL;
        n->r = chance(3) ? e : gen(depth - 1);
    } else {
        n->r = gen(depth - 1);
    }
    return n;
}

static int ipow_model(int64_t a, int64_t b, int64_t *out) {
    if (b < 0) return E_NEGEXP;
    if (b == 0) { *out = 1; return E_OK; }
    if (a == 0 || a == 1) { *out = a; return E_OK; }
    if (a == -1) { *out = (b % 2) ? -1 : 1; return E_OK; }
    int64_t r = 1;
    for (int64_t i = 0; i < b; i++)
        if (__builtin_mul_overflow(r, a, &r)) return E_OVERFLOW;
    *out = r;
    return E_OK;
}

static int meval(const mnode *n, int64_t *out) {
    int64_t a, b;
    int e;
    switch (n->kind) {
    case M_NUM: *out = n->num; return E_OK;
    case M_VAR: *out = vars[n->num]; return E_OK;
    case M_NEG:
        if ((e = meval(n->l, &a))) return e;
        if (a == INT64_MIN) return E_OVERFLOW;
        *out = -a;
        return E_OK;
    }
    if ((e = meval(n->l, &a))) return e;
    if ((e = meval(n->r, &b))) return e;
    switch (n->kind) {
    case M_ADD: return __builtin_add_overflow(a, b, out) ? E_OVERFLOW : E_OK;
    case M_SUB: return __builtin_sub_overflow(a, b, out) ? E_OVERFLOW : E_OK;
    case M_MUL: return __builtin_mul_overflow(a, b, out) ? E_OVERFLOW : E_OK;
    case M_DIV:
        if (b == 0) return E_DIV0;
        if (a == INT64_MIN && b == -1) return E_OVERFLOW;
        *out = a / b;
        return E_OK;
    case M_MOD:
        if (b == 0) return E_DIV0;
        *out = b == -1 ? 0 : a % b;
        return E_OK;
    default:
        return ipow_model(a, b, out);
    }
}

static int prec(const mnode *n) {
    switch (n->kind) {
    case M_ADD: case M_SUB: return 1;
    case M_MUL: case M_DIV: case M_MOD: return 2;
    case M_NEG: return 3;
    case M_POW: return 4;
    default: return 5;
    }
}

static char text[1 << 16];
static size_t tlen;

static void put(const char *s) {
    size_t n = strlen(s);
    if (tlen + n < sizeof text) {
        memcpy(text + tlen, s, n);
        tlen += n;
        text[tlen] = '\0';
    }
}

static void print(const mnode *n);

static void print_child(const mnode *c, int need) {
    if (need || chance(12)) {
        put("(");
        print(c);
        put(")");
    } else {
        print(c);
    }
}

static void print(const mnode *n) {
    char num[32];
    static const char *ops[] = {[M_ADD] = "+", [M_SUB] = "-", [M_MUL] = "*",
                                [M_DIV] = "/", [M_MOD] = "%", [M_POW] = "**"};
    switch (n->kind) {
    case M_NUM:
        snprintf(num, sizeof num, "%lld", (long long)n->num);
        put(num);
        return;
    case M_VAR:
        snprintf(num, sizeof num, "v%d", (int)n->num);
        put(num);
        return;
    case M_NEG:
        put(chance(2) ? "-" : "- ");
        print_child(n->l, prec(n->l) < 3);
        return;
    }
    int p = prec(n), right = n->kind == M_POW;
    print_child(n->l, prec(n->l) < p || (prec(n->l) == p && right));
    put(chance(3) ? ops[n->kind] : " ");
    if (text[tlen - 1] == ' ') {
        put(ops[n->kind]);
        put(" ");
    }
    if (n->r->kind == M_NEG)
        print_child(n->r, 0); /* a signed operand never needs parentheses on the right */
    else
        print_child(n->r, prec(n->r) < p || (prec(n->r) == p && !right));
}

static const char *errname(int e) {
    return e == E_DIV0 ? "division by zero" : e == E_OVERFLOW ? "overflow" : "negative exponent";
}

static void run_random(uint64_t seed, int count, int depth) {
    rng_state = seed;
    calc *c = calc_new();
    char line[64], err[256];
    for (int i = 0; i < 8; i++) {
        vars[i] = chance(3) ? -(int64_t)(rnd() % 6) : (int64_t)(rnd() % 9);
        snprintf(line, sizeof line, "v%d = %lld", i, (long long)vars[i]);
        int64_t v;
        CHECK_EQ_INT(calc_eval(c, line, &v, err, sizeof err), 0);
    }
    for (int t = 0; t < count; t++) {
        npool = 0;
        tlen = 0;
        text[0] = '\0';
        mnode *n = gen(depth);
        print(n);
        int64_t want = 0, got = 0;
        int e = meval(n, &want);
        err[0] = '\0';
        int rc = calc_eval(c, text, &got, err, sizeof err);
        if (e == E_OK) {
            CHECK_MSG(rc == 0, "\"%s\": error \"%s\", want %lld", text, err, (long long)want);
            CHECK_MSG(got == want, "\"%s\": got %lld, want %lld", text, (long long)got, (long long)want);
        } else {
            CHECK_MSG(rc == -1, "\"%s\": returned %d (%lld), want error \"%s\"", text, rc, (long long)got,
                      errname(e));
            CHECK_MSG(strcmp(err, errname(e)) == 0, "\"%s\": error \"%s\", want \"%s\"", text, err, errname(e));
        }
    }
    calc_free(c);
}

TEST(random_small_expressions) { run_random(0x9e3779b97f4a7c15ULL, 3000, 3); }
TEST(random_medium_expressions) { run_random(0x2545f4914f6cdd1dULL, 2000, 5); }
TEST(random_deep_expressions) { run_random(0xd1b54a32d192ed03ULL, 500, 8); }
