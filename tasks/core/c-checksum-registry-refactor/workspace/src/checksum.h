/* checksum.h - small non-cryptographic checksums over byte strings.
 *
 * Algorithms (names are matched case-insensitively; digest width in hex digits):
 *   crc32       CRC-32 (IEEE 802.3, reflected, as used by zip/gzip)       8 digits
 *   adler32     Adler-32 (zlib)                                           8 digits
 *   fnv1a32     32-bit FNV-1a                                             8 digits
 *   fletcher16  Fletcher-16 (both sums mod 255, result sum2 << 8 | sum1)  4 digits
 *   sum8        sum of all bytes mod 256                                  2 digits
 */
#ifndef CHECKSUM_H
#define CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Running state of one checksum. Use only through the functions below. */
typedef struct {
    int algo;
    uint32_t a, b;
} ck_state;

/* Starts a checksum with the named algorithm. Returns 0, or -1 if the name is unknown (or NULL). */
int ck_init(ck_state *st, const char *algo);

/* Feeds len bytes. data may be NULL when len is 0. Can be called any number of times. */
void ck_update(ck_state *st, const void *data, size_t len);

/* The checksum of everything fed so far. Does not change the state: more data may follow. */
uint32_t ck_value(const ck_state *st);

/* Writes ck_value() as lower-case hex, zero-padded to the algorithm's width, plus a NUL.
 * Returns the number of digits, or -1 (writing nothing) if out is NULL or size < digits + 1. */
int ck_hex(const ck_state *st, char *out, size_t size);

/* One shot: the hex checksum of data as with ck_hex. Returns the number of digits, -1 if the
 * algorithm is unknown (whatever out and size are), -2 if out is NULL or too small. Nothing is
 * written on error. */
int ck_compute(const char *algo, const void *data, size_t len, char *out, size_t size);

/* The names of all algorithms, in the order listed above. Stores the first min(max, total)
 * names in names[] (names may be NULL when max is 0) and returns the total. */
size_t ck_list(const char **names, size_t max);

#endif
