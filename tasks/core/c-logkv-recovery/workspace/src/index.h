#ifndef LKV_INDEX_H
#define LKV_INDEX_H
#include <stddef.h>
#include <stdint.h>

/* Where the current record of a key is in the file. */
typedef struct {
    uint64_t off;  /* the record's offset */
    uint32_t len;  /* the record's encoded length */
    uint32_t voff; /* the value's offset inside the record */
    uint32_t vlen; /* the value's length */
} lkv_loc;

typedef struct lkv_index lkv_index;

lkv_index *index_new(void);
void index_free(lkv_index *ix);

/* Sets key -> loc (the key is copied). If the key was present, *had_old = 1 and *old is its
 * previous location; otherwise *had_old = 0. 0 on success, -1 when out of memory. */
int index_put(lkv_index *ix, const void *key, uint32_t klen, const lkv_loc *loc, lkv_loc *old,
              int *had_old);

/* 1 and *loc if present, 0 if not. */
int index_get(const lkv_index *ix, const void *key, uint32_t klen, lkv_loc *loc);

/* Removes the key: 1 (and *old) if it was present, 0 if not. */
int index_del(lkv_index *ix, const void *key, uint32_t klen, lkv_loc *old);

size_t index_count(const lkv_index *ix);

/* Unordered walk: start with pos = 0; each call returns the next position after filling the
 * entry, or (size_t)-1 when there are no more entries. */
size_t index_next(const lkv_index *ix, size_t pos, const unsigned char **key, uint32_t *klen,
                  lkv_loc *loc);

#endif
