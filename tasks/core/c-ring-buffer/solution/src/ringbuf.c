#include "ringbuf.h"

#include <stdlib.h>
#include <string.h>

struct ringbuf {
    unsigned char *data;
    size_t capacity;
    size_t head; /* index of the oldest byte */
    size_t len;
};

ringbuf *rb_new(size_t capacity) {
    if (capacity == 0) return NULL;
    ringbuf *rb = malloc(sizeof *rb);
    if (!rb) return NULL;
    rb->data = malloc(capacity);
    if (!rb->data) {
        free(rb);
        return NULL;
    }
    rb->capacity = capacity;
    rb->head = 0;
    rb->len = 0;
    return rb;
}

void rb_free(ringbuf *rb) {
    if (!rb) return;
    free(rb->data);
    free(rb);
}

size_t rb_capacity(const ringbuf *rb) { return rb->capacity; }
size_t rb_len(const ringbuf *rb) { return rb->len; }
size_t rb_space(const ringbuf *rb) { return rb->capacity - rb->len; }
void rb_clear(ringbuf *rb) { rb->head = 0; rb->len = 0; }

size_t rb_write(ringbuf *rb, const void *data, size_t n) {
    const unsigned char *src = data;
    if (n > rb_space(rb)) n = rb_space(rb);
    size_t tail = (rb->head + rb->len) % rb->capacity;
    size_t first = rb->capacity - tail;
    if (first > n) first = n;
    memcpy(rb->data + tail, src, first);
    memcpy(rb->data, src + first, n - first);
    rb->len += n;
    return n;
}

size_t rb_force_write(ringbuf *rb, const void *data, size_t n) {
    const unsigned char *src = data;
    size_t lost = 0;
    if (n > rb->capacity) {
        lost = rb->len + (n - rb->capacity);
        src += n - rb->capacity;
        n = rb->capacity;
        rb_clear(rb);
    } else if (n > rb_space(rb)) {
        lost = rb_discard(rb, n - rb_space(rb));
    }
    rb_write(rb, src, n);
    return lost;
}

size_t rb_peek(const ringbuf *rb, void *out, size_t n) {
    unsigned char *dst = out;
    if (n > rb->len) n = rb->len;
    size_t first = rb->capacity - rb->head;
    if (first > n) first = n;
    memcpy(dst, rb->data + rb->head, first);
    memcpy(dst + first, rb->data, n - first);
    return n;
}

size_t rb_discard(ringbuf *rb, size_t n) {
    if (n > rb->len) n = rb->len;
    rb->head = (rb->head + n) % rb->capacity;
    rb->len -= n;
    if (rb->len == 0) rb->head = 0;
    return n;
}

size_t rb_read(ringbuf *rb, void *out, size_t n) {
    n = rb_peek(rb, out, n);
    return rb_discard(rb, n);
}

long rb_find(const ringbuf *rb, unsigned char byte) {
    for (size_t i = 0; i < rb->len; i++)
        if (rb->data[(rb->head + i) % rb->capacity] == byte) return (long)i;
    return -1;
}
