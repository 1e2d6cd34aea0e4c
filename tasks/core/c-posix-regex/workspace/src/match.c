/* The matcher: a backtracking interpreter of the program (prog.h). It tries each start position
 * from the left and, at each OP_SPLIT, the x branch before the y branch. */
#include "mre.h"
#include "prog.h"

static int in_set(const unsigned char *set, unsigned char c) { return (set[c >> 3] >> (c & 7)) & 1; }

/* The end of a match of the program from pc at pos, or -1. */
static long run(const prog *p, int pc, size_t pos, const unsigned char *text, size_t len) {
    for (;;) {
        const inst *i = &p->code[pc];
        switch (i->op) {
        case OP_CHAR:
            if (pos >= len || text[pos] != i->c) return -1;
            pos++;
            pc++;
            break;
        case OP_ANY:
            if (pos >= len) return -1;
            pos++;
            pc++;
            break;
        case OP_SET:
            if (pos >= len || !in_set(p->sets[i->arg], text[pos])) return -1;
            pos++;
            pc++;
            break;
        case OP_SPLIT: {
            long r = run(p, i->x, pos, text, len);
            if (r >= 0) return r;
            pc = i->y;
            break;
        }
        case OP_JMP:
            pc = i->x;
            break;
        case OP_BOL:
            if (pos != 0) return -1;
            pc++;
            break;
        case OP_EOL:
            if (pos != len) return -1;
            pc++;
            break;
        case OP_MATCH:
            return (long)pos;
        }
    }
}

int mre_search(const mre *re, const char *text, size_t len, size_t *so, size_t *eo) {
    const unsigned char *t = (const unsigned char *)text;
    for (size_t start = 0; start <= len; start++) {
        long end = run(&re->p, 0, start, t, len);
        if (end >= 0) {
            *so = start;
            *eo = (size_t)end;
            return 1;
        }
    }
    return 0;
}
