#include "bytebuf.h"

#include <stdlib.h>
#include <string.h>

int bb_reserve(bytebuf *b, size_t extra) {
    if (b->cap - b->len >= extra) return 0;
    size_t need = b->len + extra;
    if (need < b->len) return -1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > ((size_t)-1) / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    unsigned char *p = realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int bb_append(bytebuf *b, const void *p, size_t n) {
    if (n == 0) return 0;
    if (bb_reserve(b, n) != 0) return -1;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

int bb_append_byte(bytebuf *b, unsigned char c) { return bb_append(b, &c, 1); }

void bb_clear(bytebuf *b) { b->len = 0; }

void bb_free(bytebuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
