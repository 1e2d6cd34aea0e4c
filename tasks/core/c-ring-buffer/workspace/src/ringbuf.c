#include "ringbuf.h"

#include <stdlib.h>
#include <string.h>

/* TODO: implement the ring buffer described in ringbuf.h. */

struct ringbuf {
    unsigned char *data;
    size_t capacity;
};

ringbuf *rb_new(size_t capacity) {
    (void)capacity;
    return NULL;
}

void rb_free(ringbuf *rb) { (void)rb; }

size_t rb_capacity(const ringbuf *rb) { (void)rb; return 0; }
size_t rb_len(const ringbuf *rb) { (void)rb; return 0; }
size_t rb_space(const ringbuf *rb) { (void)rb; return 0; }
void rb_clear(ringbuf *rb) { (void)rb; }

size_t rb_write(ringbuf *rb, const void *data, size_t n) {
    (void)rb; (void)data; (void)n;
    return 0;
}

size_t rb_force_write(ringbuf *rb, const void *data, size_t n) {
    (void)rb; (void)data; (void)n;
    return 0;
}

size_t rb_read(ringbuf *rb, void *out, size_t n) {
    (void)rb; (void)out; (void)n;
    return 0;
}

size_t rb_peek(const ringbuf *rb, void *out, size_t n) {
    (void)rb; (void)out; (void)n;
    return 0;
}

size_t rb_discard(ringbuf *rb, size_t n) {
    (void)rb; (void)n;
    return 0;
}

long rb_find(const ringbuf *rb, unsigned char byte) {
    (void)rb; (void)byte;
    return -1;
}
