/* Tree -> program. Counted repetition is expanded: re{2,4} becomes re re (re (re)?)?. */
#include <stdlib.h>
#include <string.h>

#include "mre.h"
#include "prog.h"

static int emit(prog *p, opcode op) {
    if (p->len >= PROG_MAX_LEN) return -1;
    if (p->len == p->cap) {
        int cap = p->cap ? p->cap * 2 : 64;
        inst *c = realloc(p->code, (size_t)cap * sizeof *c);
        if (!c) return -1;
        p->code = c;
        p->cap = cap;
    }
    inst *i = &p->code[p->len];
    memset(i, 0, sizeof *i);
    i->op = op;
    return p->len++;
}

static int add_set(prog *p, const unsigned char *set) {
    for (int i = 0; i < p->nsets; i++)
        if (memcmp(p->sets[i], set, 32) == 0) return i;
    if (p->nsets == p->capsets) {
        int cap = p->capsets ? p->capsets * 2 : 8;
        unsigned char(*s)[32] = realloc(p->sets, (size_t)cap * 32);
        if (!s) return -1;
        p->sets = s;
        p->capsets = cap;
    }
    memcpy(p->sets[p->nsets], set, 32);
    return p->nsets++;
}

static int gen(const node *n, prog *p);

/* re* : L1: split L2, L3; L2: re; jmp L1; L3: */
static int gen_star(const node *a, prog *p) {
    int split = emit(p, OP_SPLIT);
    if (split < 0) return -1;
    p->code[split].x = p->len;
    if (gen(a, p) != 0) return -1;
    int j = emit(p, OP_JMP);
    if (j < 0) return -1;
    p->code[j].x = split;
    p->code[split].y = p->len;
    return 0;
}

/* re? : split L1, L2; L1: re; L2: */
static int gen_opt(const node *a, prog *p) {
    int split = emit(p, OP_SPLIT);
    if (split < 0) return -1;
    p->code[split].x = p->len;
    if (gen(a, p) != 0) return -1;
    p->code[split].y = p->len;
    return 0;
}

static int gen_repeat(const node *n, prog *p) {
    for (int i = 0; i < n->min; i++)
        if (gen(n->a, p) != 0) return -1;
    if (n->max == REPEAT_INF) return gen_star(n->a, p);
    /* (re (re (re)?)?)? for the optional copies */
    int opt = n->max - n->min;
    int *splits = malloc((size_t)(opt ? opt : 1) * sizeof *splits);
    if (!splits) return -1;
    for (int i = 0; i < opt; i++) {
        splits[i] = emit(p, OP_SPLIT);
        if (splits[i] < 0 || gen(n->a, p) != 0) {
            free(splits);
            return -1;
        }
        p->code[splits[i]].x = splits[i] + 1;
    }
    for (int i = 0; i < opt; i++) p->code[splits[i]].y = p->len;
    free(splits);
    return 0;
}

static int gen(const node *n, prog *p) {
    int at;
    switch (n->kind) {
    case N_CHAR:
        if ((at = emit(p, OP_CHAR)) < 0) return -1;
        p->code[at].c = n->c;
        return 0;
    case N_ANY:
        return emit(p, OP_ANY) < 0 ? -1 : 0;
    case N_SET: {
        int s = add_set(p, n->set);
        if (s < 0 || (at = emit(p, OP_SET)) < 0) return -1;
        p->code[at].arg = s;
        return 0;
    }
    case N_BOL:
        return emit(p, OP_BOL) < 0 ? -1 : 0;
    case N_EOL:
        return emit(p, OP_EOL) < 0 ? -1 : 0;
    case N_CAT:
        if (gen(n->a, p) != 0) return -1;
        return gen(n->b, p);
    case N_ALT: {
        /* split L1, L2; L1: a; jmp L3; L2: b; L3: */
        int split = emit(p, OP_SPLIT);
        if (split < 0) return -1;
        p->code[split].x = p->len;
        if (gen(n->a, p) != 0) return -1;
        int j = emit(p, OP_JMP);
        if (j < 0) return -1;
        p->code[split].y = p->len;
        if (gen(n->b, p) != 0) return -1;
        p->code[j].x = p->len;
        return 0;
    }
    case N_REPEAT:
        if (n->min == 0 && n->max == 1) return gen_opt(n->a, p);
        return gen_repeat(n, p);
    }
    return -1;
}

int prog_compile(const node *n, prog *p) {
    memset(p, 0, sizeof *p);
    if (gen(n, p) != 0 || emit(p, OP_MATCH) < 0) {
        prog_free(p);
        return MRE_ENOMEM;
    }
    return MRE_OK;
}

void prog_free(prog *p) {
    free(p->code);
    free(p->sets);
    memset(p, 0, sizeof *p);
}
