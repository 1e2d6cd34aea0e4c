#include "hash.h"

/* Keys usually differ in their first bytes, so hashing a prefix is enough and keeps long keys
 * cheap. */
#define HASH_PREFIX 8

uint32_t lkv_hash(const unsigned char *k, uint32_t klen) {
    uint32_t h = 2166136261u;
    uint32_t n = klen < HASH_PREFIX ? klen : HASH_PREFIX;
    for (uint32_t i = 0; i < n; i++) {
        h ^= k[i];
        h *= 16777619u;
    }
    h ^= klen;
    return h;
}
