/* The matcher: a Thompson/Pike simulation of the program (prog.h) that finds the leftmost-longest
 * match (REGEX.md section 3) in one pass over the text: O(len * program) time, O(program) memory.
 *
 * Each thread carries the offset where its match attempt started. Threads are kept in order of
 * their start, so when two threads reach the same instruction at the same position, the first
 * (earliest start) is kept: both have the same future, and the earlier start is preferred. */
#include <stdbool.h>
#include <stdlib.h>

#include "mre.h"
#include "prog.h"

typedef struct {
    int pc;
    size_t start;
} thread;

typedef struct {
    thread *t;
    int n;
} tlist;

typedef struct {
    const prog *p;
    const unsigned char *text;
    size_t len;
    unsigned *mark; /* mark[pc] == gen: pc already in the list being built */
    unsigned gen;
    int *stack;
    bool found;
    size_t best_so, best_eo;
} vm;

static int in_set(const unsigned char *set, unsigned char c) { return (set[c >> 3] >> (c & 7)) & 1; }

/* Pushes pc unless the list being built already has it: so every pc is pushed at most once per
 * list, and the stack never holds more than the program's length. */
static void push(vm *m, int *sp, int pc) {
    if (m->mark[pc] == m->gen) return;
    m->mark[pc] = m->gen;
    m->stack[(*sp)++] = pc;
}

/* Adds pc and its epsilon closure at position pos to l. */
static void add(vm *m, tlist *l, int pc0, size_t start, size_t pos) {
    int sp = 0;
    push(m, &sp, pc0);
    while (sp > 0) {
        int pc = m->stack[--sp];
        const inst *i = &m->p->code[pc];
        switch (i->op) {
        case OP_JMP:
            push(m, &sp, i->x);
            break;
        case OP_SPLIT:
            push(m, &sp, i->y);
            push(m, &sp, i->x);
            break;
        case OP_BOL:
            if (pos == 0) push(m, &sp, pc + 1);
            break;
        case OP_EOL:
            if (pos == m->len) push(m, &sp, pc + 1);
            break;
        case OP_CHAR:
        case OP_ANY:
        case OP_SET:
            l->t[l->n].pc = pc;
            l->t[l->n].start = start;
            l->n++;
            break;
        case OP_MATCH:
            /* pos only grows, so a match of the same start found later is longer */
            if (!m->found || start <= m->best_so) {
                m->found = true;
                m->best_so = start;
                m->best_eo = pos;
            }
        }
    }
}

int mre_search(const mre *re, const char *text, size_t len, size_t *so, size_t *eo) {
    const prog *p = &re->p;
    int n = p->len;
    vm m = {p, (const unsigned char *)text, len};
    /* One block: the marks, the stack and two thread lists, n entries each. */
    size_t each = sizeof(unsigned) + sizeof(int) + sizeof(thread) * 2;
    unsigned *buf = calloc((size_t)n, each);
    if (!buf) return 0;
    m.mark = buf;
    m.stack = (int *)(m.mark + n);
    thread *threads = (thread *)(m.stack + n);
    tlist cur = {threads}, next = {threads + n};
    m.gen = 1;
    for (size_t pos = 0;; pos++) {
        if (!m.found) add(&m, &cur, 0, pos, pos);
        if (pos == len || (cur.n == 0 && m.found)) break;
        unsigned char c = m.text[pos];
        m.gen++;
        next.n = 0;
        for (int k = 0; k < cur.n; k++) {
            const thread *t = &cur.t[k];
            if (m.found && t->start > m.best_so) break; /* sorted by start */
            const inst *i = &p->code[t->pc];
            int ok = (i->op == OP_CHAR && c == i->c) || i->op == OP_ANY ||
                     (i->op == OP_SET && in_set(p->sets[i->arg], c));
            if (ok) add(&m, &next, t->pc + 1, t->start, pos + 1);
        }
        tlist tmp = cur;
        cur = next;
        next = tmp;
    }
    free(buf);
    if (!m.found) return 0;
    *so = m.best_so;
    *eo = m.best_eo;
    return 1;
}
