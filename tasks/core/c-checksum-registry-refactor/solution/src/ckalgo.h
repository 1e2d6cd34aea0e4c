/* ckalgo.h - checksum algorithms as descriptors, and the registry that names them. */
#ifndef CKALGO_H
#define CKALGO_H

#include <stddef.h>
#include <stdint.h>

#define CK_MAX_ALGOS 32 /* registry capacity, built-ins included */
#define CK_NAME_MAX 15  /* longest algorithm name */

typedef struct ck_algo {
    const char *name; /* 1..CK_NAME_MAX characters from [a-z0-9_-] */
    unsigned bits;    /* digest width: 8, 16 or 32 */
    void (*init)(uint32_t st[2]);
    void (*update)(uint32_t st[2], const unsigned char *data, size_t len);
    uint32_t (*final)(const uint32_t st[2]);
} ck_algo;

extern const ck_algo ck_crc32, ck_adler32, ck_fnv1a32, ck_fletcher16, ck_sum8;

int ck_register(const ck_algo *algo);
const ck_algo *ck_find(const char *name);
size_t ck_algo_count(void);
const ck_algo *ck_algo_at(size_t i);

#endif
