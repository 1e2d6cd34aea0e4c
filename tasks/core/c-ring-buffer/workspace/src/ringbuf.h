/* ringbuf.h - a fixed-capacity FIFO of bytes (a circular buffer).
 *
 * Bytes are written at the back and read from the front. The buffer never grows: rb_write
 * stores only what fits, rb_force_write makes room by dropping the oldest bytes.
 */
#ifndef RINGBUF_H
#define RINGBUF_H

#include <stddef.h>

typedef struct ringbuf ringbuf;

/* A new empty buffer holding up to `capacity` bytes; NULL if capacity is 0 or memory runs out. */
ringbuf *rb_new(size_t capacity);
/* Frees the buffer; rb_free(NULL) does nothing. */
void rb_free(ringbuf *rb);

size_t rb_capacity(const ringbuf *rb); /* as given to rb_new */
size_t rb_len(const ringbuf *rb);      /* bytes stored */
size_t rb_space(const ringbuf *rb);    /* capacity - len */
void rb_clear(ringbuf *rb);            /* drops every byte */

/* Appends the first min(n, rb_space(rb)) bytes of data; returns how many were appended. */
size_t rb_write(ringbuf *rb, const void *data, size_t n);

/* Appends all n bytes, dropping the oldest stored bytes to make room. If n > capacity only the
 * last `capacity` bytes of data are kept (the buffer then holds exactly those). Returns the number
 * of bytes lost: stored bytes dropped plus input bytes that were skipped. */
size_t rb_force_write(ringbuf *rb, const void *data, size_t n);

/* Moves up to n bytes from the front into out (oldest first); returns how many. */
size_t rb_read(ringbuf *rb, void *out, size_t n);
/* Like rb_read but leaves the bytes in the buffer. */
size_t rb_peek(const ringbuf *rb, void *out, size_t n);
/* Drops up to n bytes from the front; returns how many were dropped. */
size_t rb_discard(ringbuf *rb, size_t n);

/* Position of the first occurrence of `byte` counted from the front (0 = the oldest byte),
 * or -1 if the buffer does not hold it. */
long rb_find(const ringbuf *rb, unsigned char byte);

#endif
