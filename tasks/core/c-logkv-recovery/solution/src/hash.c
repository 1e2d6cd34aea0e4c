#include "hash.h"

/* FNV-1a over the whole key. */
uint32_t lkv_hash(const unsigned char *k, uint32_t klen) {
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < klen; i++) {
        h ^= k[i];
        h *= 16777619u;
    }
    return h;
}
