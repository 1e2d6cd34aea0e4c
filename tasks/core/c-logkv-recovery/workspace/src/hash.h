#ifndef LKV_HASH_H
#define LKV_HASH_H
#include <stdint.h>

/* The hash of a key, for the index's slots (the low bits pick the slot). */
uint32_t lkv_hash(const unsigned char *k, uint32_t klen);

#endif
