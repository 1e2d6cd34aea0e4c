#ifndef LKV_INTERNAL_H
#define LKV_INTERNAL_H
#include <stdint.h>

#include "bytebuf.h"
#include "index.h"
#include "logkv.h"

#define LKV_MAGIC "LOGKV\0\0\1"
#define LKV_HEADER_LEN 8u

struct lkv {
    char *path;
    int fd;
    uint64_t end;        /* where the next record is appended */
    lkv_index *idx;
    uint64_t live_bytes; /* SPEC.md section 7 */
    uint64_t truncated;  /* bytes recovery discarded at open */
    bytebuf scratch;     /* encoding buffer for put/del */
};

/* recover.c: replays the records of db->fd after the header into db->idx and sets db->end,
 * db->live_bytes and db->truncated (SPEC.md section 5). */
int lkv_recover(lkv *db);

/* db.c: reads the value at loc into a malloc'd buffer (at least 1 byte allocated). */
int lkv_read_value(const lkv *db, const lkv_loc *loc, unsigned char **out);

/* iter.c: the live keys sorted (memcmp order, a prefix first). *n receives the count; the array
 * is malloc'd (free it; the key pointers belong to the index). NULL when out of memory (or when
 * there are no keys: then *n is 0). */
typedef struct {
    const unsigned char *key;
    uint32_t klen;
    lkv_loc loc;
} lkv_entry;
lkv_entry *lkv_sorted_entries(const lkv *db, size_t *n);

#endif
