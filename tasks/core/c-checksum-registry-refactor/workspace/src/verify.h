/* verify.h - check data against a checksum spec such as "crc32:cbf43926". */
#ifndef VERIFY_H
#define VERIFY_H

#include <stddef.h>

/* spec is ALGO ":" HEX. The text before the first ':' names the algorithm (case-insensitive);
 * HEX must be exactly the algorithm's width in hex digits (either case), with nothing around it.
 * Returns 1 if the checksum of data matches, 0 if it does not, -1 if the algorithm is unknown,
 * -2 if spec is NULL or malformed (no ':', wrong number of digits, a non-hex character). An
 * unknown algorithm is reported as -1 even when HEX is malformed too. */
int ck_verify(const char *spec, const void *data, size_t len);

#endif
