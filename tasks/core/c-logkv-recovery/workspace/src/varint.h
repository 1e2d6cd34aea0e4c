#ifndef LKV_VARINT_H
#define LKV_VARINT_H
#include <stddef.h>
#include <stdint.h>

#define LKV_VARINT_MAX 5

/* Writes v as an unsigned LEB128 varint (shortest form) to out (room for LKV_VARINT_MAX bytes);
 * returns the number of bytes written. */
size_t varint_put(unsigned char *out, uint32_t v);

/* The number of bytes varint_put writes for v. */
size_t varint_len(uint32_t v);

/* Decodes a varint from p[0..n). Returns the number of bytes used, 0 if the input ends first,
 * or -1 if the varint is invalid (longer than 5 bytes or above 32 bits). */
int varint_get(const unsigned char *p, size_t n, uint32_t *v);

#endif
