/* btkv: a small embedded B+tree key-value store in one file of fixed-size pages.
 * The file format and every rule below are specified in SPEC.md. */
#ifndef BTKV_H
#define BTKV_H

#include <stddef.h>
#include <stdint.h>

#define BTKV_PAGE_SIZE 1024
#define BTKV_MAX_KEY 64
#define BTKV_MAX_VALUE 180

/* btkv_open flags */
#define BTKV_CREATE 1

/* Result codes (SPEC.md section 8). */
#define BTKV_OK 0
#define BTKV_NOTFOUND 1
#define BTKV_END 2
#define BTKV_EINVAL (-1)
#define BTKV_EKEYSIZE (-2)
#define BTKV_EVALSIZE (-3)
#define BTKV_ERANGE (-4)
#define BTKV_ENOENT (-5)
#define BTKV_EIO (-6)
#define BTKV_ECORRUPT (-7)
#define BTKV_ENOMEM (-8)

typedef struct btkv btkv;
typedef struct btkv_cursor btkv_cursor;

typedef struct btkv_stats {
    uint32_t page_count;     /* pages in the file, header page included */
    uint32_t free_pages;     /* pages on the free list */
    uint32_t depth;          /* levels of the tree: 1 when the root is a leaf */
    uint32_t leaf_pages;     /* leaf pages reachable from the root */
    uint32_t internal_pages; /* internal pages reachable from the root */
    uint64_t key_count;      /* keys stored */
} btkv_stats;

int btkv_open(const char *path, int flags, btkv **out);
int btkv_close(btkv *db);

int btkv_put(btkv *db, const void *key, size_t klen, const void *val, size_t vlen);
int btkv_get(btkv *db, const void *key, size_t klen, void *buf, size_t cap, size_t *vlen);
int btkv_del(btkv *db, const void *key, size_t klen);
int btkv_stats_get(btkv *db, btkv_stats *st);

int btkv_cursor_open(btkv *db, btkv_cursor **out);
int btkv_cursor_first(btkv_cursor *c);
int btkv_cursor_seek(btkv_cursor *c, const void *key, size_t klen);
int btkv_cursor_next(btkv_cursor *c);
int btkv_cursor_key(btkv_cursor *c, const void **key, size_t *klen);
int btkv_cursor_value(btkv_cursor *c, const void **val, size_t *vlen);
void btkv_cursor_close(btkv_cursor *c);

const char *btkv_strerror(int rc);

#endif
