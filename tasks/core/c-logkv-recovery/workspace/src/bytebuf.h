#ifndef LKV_BYTEBUF_H
#define LKV_BYTEBUF_H
#include <stddef.h>

/* A growable byte buffer. Zero-initialise it ({0}) before use; free with bb_free. */
typedef struct {
    unsigned char *data;
    size_t len;
    size_t cap;
} bytebuf;

int bb_reserve(bytebuf *b, size_t extra); /* 0 on success, -1 when out of memory */
int bb_append(bytebuf *b, const void *p, size_t n);
int bb_append_byte(bytebuf *b, unsigned char c);
void bb_clear(bytebuf *b);
void bb_free(bytebuf *b);

#endif
