/* logkv: an embedded log-structured key-value store. File format: SPEC.md. */
#ifndef LOGKV_H
#define LOGKV_H

#include <stddef.h>
#include <stdint.h>

/* Return codes. */
#define LKV_OK 0
#define LKV_NOTFOUND 1   /* lkv_get / lkv_del: no such key */
#define LKV_EIO (-1)     /* a system call failed (errno tells which) */
#define LKV_ECORRUPT (-2) /* lkv_open: the file is not a logkv store (bad header) */
#define LKV_EINVAL (-3)  /* bad argument: NULL handle/pointer, key length 0 or > LKV_MAX_KEY,
                            value length > LKV_MAX_VALUE */
#define LKV_ENOMEM (-4)  /* out of memory */

#define LKV_MAX_KEY 65535u
#define LKV_MAX_VALUE 16777216u

typedef struct lkv lkv;

typedef struct {
    uint64_t live_keys;
    uint64_t file_bytes;
    uint64_t live_bytes;
    uint64_t truncated_bytes;
} lkv_stats_t;

/* Opens (creating it if missing, mode 0644) the store at path, recovering from a torn or corrupt
 * tail as SPEC.md section 5 says. On success *out is the handle and LKV_OK is returned; on
 * failure *out is NULL. */
int lkv_open(const char *path, lkv **out);

/* Closes the handle (NULL is allowed). Every successful put/del is already in the file. */
void lkv_close(lkv *db);

/* Sets key to value: appends one PUT record. vlen may be 0 (val may then be NULL). */
int lkv_put(lkv *db, const void *key, size_t klen, const void *val, size_t vlen);

/* Looks the key up. On LKV_OK, *val is a malloc'd copy of the value (the caller frees it; for an
 * empty value it is a non-NULL pointer to 0 bytes) and *vlen its length. On LKV_NOTFOUND *val is
 * NULL and *vlen 0. */
int lkv_get(lkv *db, const void *key, size_t klen, void **val, size_t *vlen);

/* Deletes the key: appends one DEL record and returns LKV_OK if it was present; returns
 * LKV_NOTFOUND (and writes nothing) if it was not. */
int lkv_del(lkv *db, const void *key, size_t klen);

/* Rewrites the store with only its live data (SPEC.md section 6). */
int lkv_compact(lkv *db);

/* Number of live keys. */
size_t lkv_count(const lkv *db);

/* Fills *st (SPEC.md section 7). */
int lkv_stats(const lkv *db, lkv_stats_t *st);

/* Calls fn for every live key in ascending key order (memcmp order, a prefix first), with the
 * key and its value. If fn returns non-zero, iteration stops and lkv_foreach returns that value;
 * otherwise it returns LKV_OK (or an LKV_E* error). The store must not be modified from fn. */
typedef int (*lkv_foreach_fn)(void *ctx, const void *key, size_t klen, const void *val,
                              size_t vlen);
int lkv_foreach(lkv *db, lkv_foreach_fn fn, void *ctx);

/* A short English description of a return code. */
const char *lkv_strerror(int code);

#endif
