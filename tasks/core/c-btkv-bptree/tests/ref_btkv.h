/* Reference implementation of SPEC.md, renamed (rbtkv_/rbt_) and made static so that it
 * links beside the library under test. Generated from the reference solution. */
#ifndef REF_BTKV_H
#define REF_BTKV_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* rbtkv: a small embedded B+tree key-value store in one file of fixed-size pages.
 * The file format and every rule below are specified in SPEC.md. */


#define RBTKV_PAGE_SIZE 1024
#define RBTKV_MAX_KEY 64
#define RBTKV_MAX_VALUE 180

/* rbtkv_open flags */
#define RBTKV_CREATE 1

/* Result codes (SPEC.md section 8). */
#define RBTKV_OK 0
#define RBTKV_NOTFOUND 1
#define RBTKV_END 2
#define RBTKV_EINVAL (-1)
#define RBTKV_EKEYSIZE (-2)
#define RBTKV_EVALSIZE (-3)
#define RBTKV_ERANGE (-4)
#define RBTKV_ENOENT (-5)
#define RBTKV_EIO (-6)
#define RBTKV_ECORRUPT (-7)
#define RBTKV_ENOMEM (-8)

typedef struct rbtkv rbtkv;
typedef struct rbtkv_cursor rbtkv_cursor;

typedef struct rbtkv_stats {
    uint32_t page_count;     /* pages in the file, header page included */
    uint32_t free_pages;     /* pages on the free list */
    uint32_t depth;          /* levels of the tree: 1 when the root is a leaf */
    uint32_t leaf_pages;     /* leaf pages reachable from the root */
    uint32_t internal_pages; /* internal pages reachable from the root */
    uint64_t key_count;      /* keys stored */
} rbtkv_stats;

static int rbtkv_open(const char *path, int flags, rbtkv **out);
static int rbtkv_close(rbtkv *db);

static int rbtkv_put(rbtkv *db, const void *key, size_t klen, const void *val, size_t vlen);
static int rbtkv_get(rbtkv *db, const void *key, size_t klen, void *buf, size_t cap, size_t *vlen);
static int rbtkv_del(rbtkv *db, const void *key, size_t klen);
static int rbtkv_stats_get(rbtkv *db, rbtkv_stats *st);

static int rbtkv_cursor_open(rbtkv *db, rbtkv_cursor **out);
static int rbtkv_cursor_first(rbtkv_cursor *c);
static int rbtkv_cursor_seek(rbtkv_cursor *c, const void *key, size_t klen);
static int rbtkv_cursor_next(rbtkv_cursor *c);
static int rbtkv_cursor_key(rbtkv_cursor *c, const void **key, size_t *klen);
static int rbtkv_cursor_value(rbtkv_cursor *c, const void **val, size_t *vlen);
static void rbtkv_cursor_close(rbtkv_cursor *c);

static const char *rbtkv_strerror(int rc);


/* Little-endian integer helpers for the on-disk format. */


static inline uint16_t rbt_get16(const unsigned char *p) {
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t rbt_get32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t rbt_get64(const unsigned char *p) {
    return (uint64_t)rbt_get32(p) | ((uint64_t)rbt_get32(p + 4) << 32);
}
static inline void rbt_put16(unsigned char *p, uint16_t v) {
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)(v >> 8);
}
static inline void rbt_put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)((v >> 8) & 0xFF);
    p[2] = (unsigned char)((v >> 16) & 0xFF);
    p[3] = (unsigned char)(v >> 24);
}
static inline void rbt_put64(unsigned char *p, uint64_t v) {
    rbt_put32(p, (uint32_t)(v & 0xFFFFFFFFu));
    rbt_put32(p + 4, (uint32_t)(v >> 32));
}




/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320, init and final xor 0xFFFFFFFF). */
static uint32_t rbt_crc32(const unsigned char *p, size_t n);
static uint32_t rbt_crc32_update(uint32_t crc, const unsigned char *p, size_t n);


/* The pager: the file, its header page, a cache of pages and the free-page list. */



#define RBT_PT_LEAF 1
#define RBT_PT_INTERNAL 2
#define RBT_PT_FREE 3

typedef struct rbt_page {
    uint32_t pgno;
    int dirty;
    unsigned char data[RBTKV_PAGE_SIZE];
} rbt_page;

typedef struct rbt_pager {
    int fd;
    /* header fields (SPEC.md section 2) */
    uint32_t page_count;
    uint32_t root;
    uint32_t depth;
    uint32_t free_head;
    uint32_t free_count;
    uint64_t key_count;
    /* cache: one slot per page number */
    rbt_page **slots;
    size_t nslots;
    /* pages changed since the last commit */
    rbt_page **dirty;
    size_t ndirty, dirty_cap;
} rbt_pager;

static int rbt_pager_open(rbt_pager *p, const char *path, int flags);
static void rbt_pager_close(rbt_pager *p);
static int rbt_pager_get(rbt_pager *p, uint32_t pgno, rbt_page **out);
static int rbt_pager_alloc(rbt_pager *p, rbt_page **out);
static int rbt_pager_free(rbt_pager *p, uint32_t pgno);
static int rbt_pager_dirty(rbt_pager *p, rbt_page *pg);
static int rbt_pager_commit(rbt_pager *p);
static void rbt_pager_encode_header(const rbt_pager *p, unsigned char *out);
static void rbt_page_seal(unsigned char *data);
static int rbt_page_check(const unsigned char *data);


/* Nodes: the decoded form of a leaf or internal page (SPEC.md sections 3 and 4). */



#define RBT_NODE_HDR 16
#define RBT_CAPACITY (RBTKV_PAGE_SIZE - RBT_NODE_HDR) /* bytes of cells a page holds: 1008 */
#define RBT_MIN_FILL (RBT_CAPACITY / 4)              /* below this a non-root node underflows */
#define RBT_LEAF_CELL_HDR 4
#define RBT_INTERNAL_CELL_HDR 6
#define RBT_NODE_MAX_CELLS 512
#define RBT_ARENA_SIZE (6 * RBTKV_PAGE_SIZE)

typedef struct rbt_cell {
    uint16_t klen;
    uint16_t vlen;  /* leaf cells */
    uint32_t child; /* internal cells: the subtree holding keys >= key */
    const unsigned char *key;
    const unsigned char *val;
} rbt_cell;

typedef struct rbt_node {
    uint8_t type;  /* RBT_PT_LEAF or RBT_PT_INTERNAL */
    uint32_t pgno; /* the page the node is written to */
    uint32_t link; /* leaf: next leaf (0 = none); internal: leftmost child */
    int n;
    rbt_cell c[RBT_NODE_MAX_CELLS];
    size_t arena_used;
    unsigned char arena[RBT_ARENA_SIZE];
} rbt_node;

static rbt_node *rbt_node_new(uint8_t type, uint32_t pgno);
static void rbt_node_reset(rbt_node *nd, uint8_t type, uint32_t pgno);
static int rbt_node_decode(const unsigned char *page, uint32_t pgno, rbt_node *nd);
static void rbt_node_encode(const rbt_node *nd, unsigned char *page);

static int rbt_keycmp(const void *a, size_t alen, const void *b, size_t blen);
static size_t rbt_cell_size(uint8_t type, const rbt_cell *c);
static size_t rbt_node_used(const rbt_node *nd);

/* Index of the first cell whose key is >= key; *found is set when it is equal. */
static int rbt_node_lower_bound(const rbt_node *nd, const void *key, size_t klen, int *found);
/* Internal nodes: the child position to descend into for key (0 = the leftmost child). */
static int rbt_node_child_pos(const rbt_node *nd, const void *key, size_t klen);
static uint32_t rbt_node_child_at(const rbt_node *nd, int pos);

static int rbt_node_insert(rbt_node *nd, int idx, const rbt_cell *c);
static void rbt_node_remove(rbt_node *nd, int idx);
static int rbt_node_append(rbt_node *nd, const rbt_cell *c);
static int rbt_node_set_key(rbt_node *nd, int idx, const void *key, size_t klen);


/* Internal declarations shared by the library's files. */



struct rbtkv {
    rbt_pager pager;
    uint64_t gen;      /* bumped by every change to the tree (SPEC.md 7.5) */
    rbt_node *scratch;  /* used by read-only descents */
    int open_cursors;
};

/* btree.c */
static int rbt_load(rbtkv *db, uint32_t pgno, rbt_node *nd);
static int rbt_store(rbtkv *db, const rbt_node *nd);
static int rbt_find_leaf(rbtkv *db, const void *key, size_t klen, rbt_node *nd);
static int rbt_tree_insert(rbtkv *db, const void *key, size_t klen, const void *val, size_t vlen);
static int rbt_tree_delete(rbtkv *db, const void *key, size_t klen, int *found);
static int rbt_tree_replace(rbtkv *db, const void *key, size_t klen, const void *val, size_t vlen);
static int rbt_tree_count(rbtkv *db, uint32_t pgno, uint32_t level, rbtkv_stats *st);

/* db.c */
static int rbt_check_key(const void *key, size_t klen);



static uint32_t rbt_crc_table[256];
static int rbt_crc_ready;

static void rbt_crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        rbt_crc_table[i] = c;
    }
    rbt_crc_ready = 1;
}

static uint32_t rbt_crc32_update(uint32_t crc, const unsigned char *p, size_t n) {
    if (!rbt_crc_ready) rbt_crc_init();
    uint32_t c = crc ^ 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = rbt_crc_table[(c ^ p[i]) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint32_t rbt_crc32(const unsigned char *p, size_t n) {
    return rbt_crc32_update(0, p, n);
}




static const unsigned char RBT_MAGIC[8] = {'B', 'T', 'K', 'V', 0, 0, 0, 1};

/* ---- page checksums (SPEC.md 3.1) -------------------------------------------------------- */

static uint32_t rbt_page_crc(const unsigned char *data) {
    uint32_t c = rbt_crc32_update(0, data, 4);
    static const unsigned char zero[4] = {0, 0, 0, 0};
    c = rbt_crc32_update(c, zero, 4);
    return rbt_crc32_update(c, data + 8, RBTKV_PAGE_SIZE - 8);
}

static void rbt_page_seal(unsigned char *data) {
    rbt_put32(data + 4, rbt_page_crc(data));
}

static int rbt_page_check(const unsigned char *data) {
    return rbt_get32(data + 4) == rbt_page_crc(data);
}

/* ---- I/O --------------------------------------------------------------------------------- */

static int rbt_read_at(int fd, unsigned char *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, buf + done, n - done, off + (off_t)done);
        if (r < 0) {
            if (errno == EINTR) continue;
            return RBTKV_EIO;
        }
        if (r == 0) return RBTKV_ECORRUPT;
        done += (size_t)r;
    }
    return RBTKV_OK;
}

static int rbt_write_at(int fd, const unsigned char *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = pwrite(fd, buf + done, n - done, off + (off_t)done);
        if (r < 0) {
            if (errno == EINTR) continue;
            return RBTKV_EIO;
        }
        done += (size_t)r;
    }
    return RBTKV_OK;
}

/* ---- the cache ----------------------------------------------------------------------------- */

static rbt_page *rbt_cache_find(rbt_pager *p, uint32_t pgno) {
    if (pgno >= p->nslots) return NULL;
    return p->slots[pgno];
}

static int rbt_cache_insert(rbt_pager *p, rbt_page *pg) {
    if (pg->pgno >= p->nslots) {
        size_t n = p->nslots ? p->nslots : 64;
        while (n <= pg->pgno) n *= 2;
        rbt_page **s = realloc(p->slots, n * sizeof *s);
        if (!s) return RBTKV_ENOMEM;
        memset(s + p->nslots, 0, (n - p->nslots) * sizeof *s);
        p->slots = s;
        p->nslots = n;
    }
    p->slots[pg->pgno] = pg;
    return RBTKV_OK;
}

/* ---- header (SPEC.md section 2) ------------------------------------------------------------ */

static void rbt_pager_encode_header(const rbt_pager *p, unsigned char *out) {
    memset(out, 0, RBTKV_PAGE_SIZE);
    memcpy(out, RBT_MAGIC, 8);
    rbt_put32(out + 8, RBTKV_PAGE_SIZE);
    rbt_put32(out + 12, p->page_count);
    rbt_put32(out + 16, p->root);
    rbt_put32(out + 20, p->depth);
    rbt_put32(out + 24, p->free_head);
    rbt_put32(out + 28, p->free_count);
    rbt_put64(out + 32, p->key_count);
    rbt_put32(out + 40, rbt_crc32(out, 40));
}

static int rbt_decode_header(rbt_pager *p, const unsigned char *h, uint64_t file_size) {
    if (memcmp(h, RBT_MAGIC, 8) != 0) return RBTKV_ECORRUPT;
    if (rbt_get32(h + 40) != rbt_crc32(h, 40)) return RBTKV_ECORRUPT;
    if (rbt_get32(h + 8) != RBTKV_PAGE_SIZE) return RBTKV_ECORRUPT;
    p->page_count = rbt_get32(h + 12);
    p->root = rbt_get32(h + 16);
    p->depth = rbt_get32(h + 20);
    p->free_head = rbt_get32(h + 24);
    p->free_count = rbt_get32(h + 28);
    p->key_count = rbt_get64(h + 32);
    if ((uint64_t)p->page_count * RBTKV_PAGE_SIZE != file_size) return RBTKV_ECORRUPT;
    if (p->root == 0 || p->root >= p->page_count) return RBTKV_ECORRUPT;
    if (p->depth == 0) return RBTKV_ECORRUPT;
    if (p->free_head >= p->page_count) return RBTKV_ECORRUPT;
    if (p->free_count >= p->page_count) return RBTKV_ECORRUPT;
    if ((p->free_head == 0) != (p->free_count == 0)) return RBTKV_ECORRUPT;
    return RBTKV_OK;
}

/* ---- open / close -------------------------------------------------------------------------- */

static int rbt_pager_open(rbt_pager *p, const char *path, int flags) {
    memset(p, 0, sizeof *p);
    p->fd = -1;
    int fd = open(path, O_RDWR);
    if (fd < 0 && errno == ENOENT) {
        if (!(flags & RBTKV_CREATE)) return RBTKV_ENOENT;
        fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
        if (fd < 0) return RBTKV_EIO;
        p->fd = fd;
        p->page_count = 2;
        p->root = 1;
        p->depth = 1;
        unsigned char page[RBTKV_PAGE_SIZE];
        memset(page, 0, sizeof page);
        page[0] = RBT_PT_LEAF;
        rbt_page_seal(page);
        int rc = rbt_write_at(fd, page, sizeof page, RBTKV_PAGE_SIZE);
        if (rc == RBTKV_OK) {
            rbt_pager_encode_header(p, page);
            rc = rbt_write_at(fd, page, sizeof page, 0);
        }
        if (rc != RBTKV_OK) {
            close(fd);
            p->fd = -1;
        }
        return rc;
    }
    if (fd < 0) return RBTKV_EIO;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return RBTKV_EIO;
    }
    uint64_t size = (uint64_t)st.st_size;
    if (size < 2 * RBTKV_PAGE_SIZE || size % RBTKV_PAGE_SIZE != 0) {
        close(fd);
        return RBTKV_ECORRUPT;
    }
    unsigned char h[RBTKV_PAGE_SIZE];
    int rc = rbt_read_at(fd, h, sizeof h, 0);
    if (rc == RBTKV_OK) rc = rbt_decode_header(p, h, size);
    if (rc != RBTKV_OK) {
        close(fd);
        return rc;
    }
    p->fd = fd;
    return RBTKV_OK;
}

static void rbt_pager_close(rbt_pager *p) {
    for (size_t i = 0; i < p->nslots; i++) free(p->slots[i]);
    free(p->slots);
    free(p->dirty);
    p->dirty = NULL;
    p->ndirty = p->dirty_cap = 0;
    p->slots = NULL;
    p->nslots = 0;
    if (p->fd >= 0) close(p->fd);
    p->fd = -1;
}

/* ---- pages --------------------------------------------------------------------------------- */

static int rbt_pager_get(rbt_pager *p, uint32_t pgno, rbt_page **out) {
    if (pgno == 0 || pgno >= p->page_count) return RBTKV_ECORRUPT;
    rbt_page *pg = rbt_cache_find(p, pgno);
    if (!pg) {
        pg = malloc(sizeof *pg);
        if (!pg) return RBTKV_ENOMEM;
        pg->pgno = pgno;
        pg->dirty = 0;
        int rc = rbt_read_at(p->fd, pg->data, RBTKV_PAGE_SIZE, (off_t)pgno * RBTKV_PAGE_SIZE);
        if (rc == RBTKV_OK && !rbt_page_check(pg->data)) rc = RBTKV_ECORRUPT;
        if (rc == RBTKV_OK) rc = rbt_cache_insert(p, pg);
        if (rc != RBTKV_OK) {
            free(pg);
            return rc;
        }
    }
    *out = pg;
    return RBTKV_OK;
}

static int rbt_pager_dirty(rbt_pager *p, rbt_page *pg) {
    if (pg->dirty) return RBTKV_OK;
    if (p->ndirty == p->dirty_cap) {
        size_t n = p->dirty_cap ? p->dirty_cap * 2 : 32;
        rbt_page **d = realloc(p->dirty, n * sizeof *d);
        if (!d) return RBTKV_ENOMEM;
        p->dirty = d;
        p->dirty_cap = n;
    }
    p->dirty[p->ndirty++] = pg;
    pg->dirty = 1;
    return RBTKV_OK;
}

/* SPEC.md 5.1: take the head of the free list, else grow the file by one page. */
static int rbt_pager_alloc(rbt_pager *p, rbt_page **out) {
    rbt_page *pg;
    if (p->free_head != 0) {
        int rc = rbt_pager_get(p, p->free_head, &pg);
        if (rc != RBTKV_OK) return rc;
        if (pg->data[0] != RBT_PT_FREE) return RBTKV_ECORRUPT;
        p->free_head = rbt_get32(pg->data + 8);
        p->free_count--;
    } else {
        pg = malloc(sizeof *pg);
        if (!pg) return RBTKV_ENOMEM;
        pg->pgno = p->page_count;
        pg->dirty = 0;
        int rc = rbt_cache_insert(p, pg);
        if (rc != RBTKV_OK) {
            free(pg);
            return rc;
        }
        p->page_count++;
    }
    memset(pg->data, 0, RBTKV_PAGE_SIZE);
    *out = pg;
    return rbt_pager_dirty(p, pg);
}

/* SPEC.md 5.2: a freed page is rewritten as a free page and becomes the head of the list. */
static int rbt_pager_free(rbt_pager *p, uint32_t pgno) {
    rbt_page *pg;
    int rc = rbt_pager_get(p, pgno, &pg);
    if (rc != RBTKV_OK) return rc;
    memset(pg->data, 0, RBTKV_PAGE_SIZE);
    pg->data[0] = RBT_PT_FREE;
    rbt_put32(pg->data + 8, p->free_head);
    p->free_head = pgno;
    p->free_count++;
    return rbt_pager_dirty(p, pg);
}

/* Writes every dirty page, then the header. */
static int rbt_pager_commit(rbt_pager *p) {
    for (size_t i = 0; i < p->ndirty; i++) {
        rbt_page *pg = p->dirty[i];
        rbt_page_seal(pg->data);
        int rc = rbt_write_at(p->fd, pg->data, RBTKV_PAGE_SIZE, (off_t)pg->pgno * RBTKV_PAGE_SIZE);
        if (rc != RBTKV_OK) return rc;
        pg->dirty = 0;
    }
    p->ndirty = 0;
    unsigned char h[RBTKV_PAGE_SIZE];
    rbt_pager_encode_header(p, h);
    return rbt_write_at(p->fd, h, sizeof h, 0);
}




static rbt_node *rbt_node_new(uint8_t type, uint32_t pgno) {
    rbt_node *nd = malloc(sizeof *nd);
    if (nd) rbt_node_reset(nd, type, pgno);
    return nd;
}

static void rbt_node_reset(rbt_node *nd, uint8_t type, uint32_t pgno) {
    nd->type = type;
    nd->pgno = pgno;
    nd->link = 0;
    nd->n = 0;
    nd->arena_used = 0;
}

/* SPEC.md 4.1: keys are byte strings compared like memcmp, a proper prefix first. */
static int rbt_keycmp(const void *a, size_t alen, const void *b, size_t blen) {
    size_t n = alen < blen ? alen : blen;
    int r = n ? memcmp(a, b, n) : 0;
    if (r != 0) return r < 0 ? -1 : 1;
    return (alen > blen) - (alen < blen);
}

static size_t rbt_cell_size(uint8_t type, const rbt_cell *c) {
    if (type == RBT_PT_LEAF) return RBT_LEAF_CELL_HDR + (size_t)c->klen + c->vlen;
    return RBT_INTERNAL_CELL_HDR + (size_t)c->klen;
}

static size_t rbt_node_used(const rbt_node *nd) {
    size_t used = 0;
    for (int i = 0; i < nd->n; i++) used += rbt_cell_size(nd->type, &nd->c[i]);
    return used;
}

static const unsigned char *rbt_stash(rbt_node *nd, const unsigned char *p, size_t n) {
    if (n == 0) return nd->arena;
    if (nd->arena_used + n > sizeof nd->arena) return NULL;
    unsigned char *dst = nd->arena + nd->arena_used;
    memcpy(dst, p, n);
    nd->arena_used += n;
    return dst;
}

/* Decodes and validates a page (SPEC.md 3.2 - 3.4). */
static int rbt_node_decode(const unsigned char *page, uint32_t pgno, rbt_node *nd) {
    uint8_t type = page[0];
    if (type != RBT_PT_LEAF && type != RBT_PT_INTERNAL) return RBTKV_ECORRUPT;
    if (page[1] != 0 || page[14] != 0 || page[15] != 0) return RBTKV_ECORRUPT;
    rbt_node_reset(nd, type, pgno);
    int n = rbt_get16(page + 2);
    size_t used = rbt_get16(page + 12);
    if (used > RBT_CAPACITY || n > RBT_NODE_MAX_CELLS) return RBTKV_ECORRUPT;
    nd->link = rbt_get32(page + 8);
    const unsigned char *p = page + RBT_NODE_HDR;
    const unsigned char *end = p + used;
    for (int i = 0; i < n; i++) {
        rbt_cell c;
        memset(&c, 0, sizeof c);
        size_t hdr = type == RBT_PT_LEAF ? RBT_LEAF_CELL_HDR : RBT_INTERNAL_CELL_HDR;
        if ((size_t)(end - p) < hdr) return RBTKV_ECORRUPT;
        c.klen = rbt_get16(p);
        if (type == RBT_PT_LEAF) {
            c.vlen = rbt_get16(p + 2);
        } else {
            c.child = rbt_get32(p + 2);
        }
        p += hdr;
        if (c.klen == 0 || c.klen > RBTKV_MAX_KEY || c.vlen > RBTKV_MAX_VALUE) return RBTKV_ECORRUPT;
        if ((size_t)(end - p) < (size_t)c.klen + c.vlen) return RBTKV_ECORRUPT;
        c.key = p;
        c.val = p + c.klen;
        p += c.klen + c.vlen;
        nd->c[nd->n++] = c;
    }
    if (p != end) return RBTKV_ECORRUPT;
    /* the cells now point into the page: copy them into the node */
    for (int i = 0; i < nd->n; i++) {
        rbt_cell *c = &nd->c[i];
        c->key = rbt_stash(nd, c->key, c->klen);
        c->val = rbt_stash(nd, c->val, c->vlen);
    }
    for (int i = 1; i < nd->n; i++)
        if (rbt_keycmp(nd->c[i - 1].key, nd->c[i - 1].klen, nd->c[i].key, nd->c[i].klen) >= 0)
            return RBTKV_ECORRUPT;
    return RBTKV_OK;
}

static void rbt_node_encode(const rbt_node *nd, unsigned char *page) {
    memset(page, 0, RBTKV_PAGE_SIZE);
    page[0] = nd->type;
    rbt_put16(page + 2, (uint16_t)nd->n);
    rbt_put32(page + 8, nd->link);
    unsigned char *p = page + RBT_NODE_HDR;
    for (int i = 0; i < nd->n; i++) {
        const rbt_cell *c = &nd->c[i];
        rbt_put16(p, c->klen);
        if (nd->type == RBT_PT_LEAF) {
            rbt_put16(p + 2, c->vlen);
            p += RBT_LEAF_CELL_HDR;
        } else {
            rbt_put32(p + 2, c->child);
            p += RBT_INTERNAL_CELL_HDR;
        }
        memcpy(p, c->key, c->klen);
        p += c->klen;
        if (nd->type == RBT_PT_LEAF && c->vlen) {
            memcpy(p, c->val, c->vlen);
            p += c->vlen;
        }
    }
    rbt_put16(page + 12, (uint16_t)(p - (page + RBT_NODE_HDR)));
}

static int rbt_node_lower_bound(const rbt_node *nd, const void *key, size_t klen, int *found) {
    int lo = 0, hi = nd->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (rbt_keycmp(nd->c[mid].key, nd->c[mid].klen, key, klen) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (found)
        *found = lo < nd->n && rbt_keycmp(nd->c[lo].key, nd->c[lo].klen, key, klen) == 0;
    return lo;
}

/* SPEC.md 4.3: descend into the child of the last cell whose key is <= key. */
static int rbt_node_child_pos(const rbt_node *nd, const void *key, size_t klen) {
    int found;
    int i = rbt_node_lower_bound(nd, key, klen, &found);
    return found ? i + 1 : i;
}

static uint32_t rbt_node_child_at(const rbt_node *nd, int pos) {
    return pos == 0 ? nd->link : nd->c[pos - 1].child;
}

static int rbt_node_insert(rbt_node *nd, int idx, const rbt_cell *c) {
    if (nd->n >= RBT_NODE_MAX_CELLS) return RBTKV_ENOMEM;
    rbt_cell nc = *c;
    nc.key = rbt_stash(nd, c->key, c->klen);
    nc.val = rbt_stash(nd, c->val, c->vlen);
    if (!nc.key || !nc.val) return RBTKV_ENOMEM;
    memmove(&nd->c[idx + 1], &nd->c[idx], (size_t)(nd->n - idx) * sizeof nd->c[0]);
    nd->c[idx] = nc;
    nd->n++;
    return RBTKV_OK;
}

static int rbt_node_append(rbt_node *nd, const rbt_cell *c) {
    return rbt_node_insert(nd, nd->n, c);
}

static void rbt_node_remove(rbt_node *nd, int idx) {
    memmove(&nd->c[idx], &nd->c[idx + 1], (size_t)(nd->n - idx - 1) * sizeof nd->c[0]);
    nd->n--;
}

static int rbt_node_set_key(rbt_node *nd, int idx, const void *key, size_t klen) {
    const unsigned char *k = rbt_stash(nd, key, klen);
    if (!k) return RBTKV_ENOMEM;
    nd->c[idx].key = k;
    nd->c[idx].klen = (uint16_t)klen;
    return RBTKV_OK;
}

/* The B+tree: descent, insertion with splits, deletion with merge and redistribution
 * (SPEC.md sections 4 to 6). */


typedef struct rbt_res {
    int split;          /* the node split: insert (sep, right) into the parent */
    uint32_t right;
    uint16_t seplen;
    unsigned char sep[RBTKV_MAX_KEY];
    int underflow;      /* the node holds fewer than RBT_MIN_FILL bytes of cells */
} rbt_res;

static int rbt_load(rbtkv *db, uint32_t pgno, rbt_node *nd) {
    rbt_page *pg;
    int rc = rbt_pager_get(&db->pager, pgno, &pg);
    if (rc != RBTKV_OK) return rc;
    return rbt_node_decode(pg->data, pgno, nd);
}

static int rbt_store(rbtkv *db, const rbt_node *nd) {
    rbt_page *pg;
    int rc = rbt_pager_get(&db->pager, nd->pgno, &pg);
    if (rc != RBTKV_OK) return rc;
    rbt_node_encode(nd, pg->data);
    return rbt_pager_dirty(&db->pager, pg);
}

static rbt_node *rbt_load_new(rbtkv *db, uint32_t pgno, int *rc) {
    rbt_node *nd = rbt_node_new(0, pgno);
    if (!nd) {
        *rc = RBTKV_ENOMEM;
        return NULL;
    }
    *rc = rbt_load(db, pgno, nd);
    if (*rc != RBTKV_OK) {
        free(nd);
        return NULL;
    }
    return nd;
}

static int rbt_find_leaf(rbtkv *db, const void *key, size_t klen, rbt_node *nd) {
    uint32_t pgno = db->pager.root;
    for (uint32_t level = db->pager.depth;; level--) {
        int rc = rbt_load(db, pgno, nd);
        if (rc != RBTKV_OK) return rc;
        if (nd->type == RBT_PT_LEAF) return level == 1 ? RBTKV_OK : RBTKV_ECORRUPT;
        if (level == 1) return RBTKV_ECORRUPT;
        pgno = rbt_node_child_at(nd, rbt_node_child_pos(nd, key, klen));
    }
}

/* ---- splitting (SPEC.md 5.3) ----------------------------------------------------------------- */

/* The number of cells the left node keeps: the smallest m >= 1 such that the cells before m hold
 * at least half of the bytes. */
static int rbt_split_point(const rbt_node *all) {
    size_t total = rbt_node_used(all);
    size_t acc = 0;
    int m = 1;
    for (int i = 0; i < all->n; i++) {
        acc += rbt_cell_size(all->type, &all->c[i]);
        if (2 * acc >= total) {
            m = i + 1;
            break;
        }
    }
    if (m > all->n - 1) m = all->n - 1;
    if (m < 1) m = 1;
    return m;
}

/* Divides the cells of `all` between left and right (whose pgno fields are set by the caller)
 * and returns the separator for the parent in res. */
static int rbt_divide(const rbt_node *all, rbt_node *left, rbt_node *right, rbt_res *res) {
    int m = rbt_split_point(all);
    uint32_t lp = left->pgno, rp = right->pgno;
    rbt_node_reset(left, all->type, lp);
    rbt_node_reset(right, all->type, rp);
    int rc = RBTKV_OK;
    for (int i = 0; i < m && rc == RBTKV_OK; i++) rc = rbt_node_append(left, &all->c[i]);
    const rbt_cell *sep;
    if (all->type == RBT_PT_LEAF) {
        for (int i = m; i < all->n && rc == RBTKV_OK; i++) rc = rbt_node_append(right, &all->c[i]);
        left->link = rp;
        right->link = all->link;
        sep = &all->c[m];
    } else {
        for (int i = m + 1; i < all->n && rc == RBTKV_OK; i++) rc = rbt_node_append(right, &all->c[i]);
        left->link = all->link;
        right->link = all->c[m].child;
        sep = &all->c[m];
    }
    res->seplen = sep->klen;
    memcpy(res->sep, sep->key, sep->klen);
    return rc;
}

/* Stores a changed node, splitting it if it overflows, and reports what its parent must do. */
static int rbt_finish(rbtkv *db, rbt_node *nd, rbt_res *res) {
    memset(res, 0, sizeof *res);
    size_t used = rbt_node_used(nd);
    if (used <= RBT_CAPACITY) {
        res->underflow = used < RBT_MIN_FILL;
        return rbt_store(db, nd);
    }
    rbt_page *pg;
    int rc = rbt_pager_alloc(&db->pager, &pg);
    if (rc != RBTKV_OK) return rc;
    rbt_node *left = rbt_node_new(nd->type, nd->pgno);
    rbt_node *right = rbt_node_new(nd->type, pg->pgno);
    if (!left || !right) rc = RBTKV_ENOMEM;
    if (rc == RBTKV_OK) rc = rbt_divide(nd, left, right, res);
    if (rc == RBTKV_OK) rc = rbt_store(db, left);
    if (rc == RBTKV_OK) rc = rbt_store(db, right);
    if (rc == RBTKV_OK) {
        res->split = 1;
        res->right = right->pgno;
    }
    free(left);
    free(right);
    return rc;
}

/* A root split: a new root above the old one (SPEC.md 5.4). */
static int rbt_grow_root(rbtkv *db, const rbt_res *res) {
    rbt_page *pg;
    int rc = rbt_pager_alloc(&db->pager, &pg);
    if (rc != RBTKV_OK) return rc;
    rbt_node *root = rbt_node_new(RBT_PT_INTERNAL, pg->pgno);
    if (!root) return RBTKV_ENOMEM;
    root->link = db->pager.root;
    rbt_cell c = {0};
    c.klen = res->seplen;
    c.key = res->sep;
    c.child = res->right;
    rc = rbt_node_append(root, &c);
    if (rc == RBTKV_OK) rc = rbt_store(db, root);
    if (rc == RBTKV_OK) {
        db->pager.root = root->pgno;
        db->pager.depth++;
    }
    free(root);
    return rc;
}

/* ---- insertion -------------------------------------------------------------------------------- */

static int rbt_insert_rec(rbtkv *db, uint32_t pgno, uint32_t level, const rbt_cell *cell, rbt_res *res) {
    int rc;
    rbt_node *nd = rbt_load_new(db, pgno, &rc);
    if (!nd) return rc;
    memset(res, 0, sizeof *res);
    if ((nd->type == RBT_PT_LEAF) != (level == 1)) {
        free(nd);
        return RBTKV_ECORRUPT;
    }
    if (nd->type == RBT_PT_LEAF) {
        int found;
        int idx = rbt_node_lower_bound(nd, cell->key, cell->klen, &found);
        rc = found ? RBTKV_ECORRUPT : rbt_node_insert(nd, idx, cell);
        if (rc == RBTKV_OK) rc = rbt_finish(db, nd, res);
        free(nd);
        return rc;
    }
    int pos = rbt_node_child_pos(nd, cell->key, cell->klen);
    rbt_res sub;
    rc = rbt_insert_rec(db, rbt_node_child_at(nd, pos), level - 1, cell, &sub);
    if (rc == RBTKV_OK && sub.split) {
        rbt_cell c = {0};
        c.klen = sub.seplen;
        c.key = sub.sep;
        c.child = sub.right;
        rc = rbt_node_insert(nd, pos, &c);
        if (rc == RBTKV_OK) rc = rbt_finish(db, nd, res);
    }
    free(nd);
    return rc;
}

static int rbt_tree_insert(rbtkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    rbt_cell c = {0};
    c.klen = (uint16_t)klen;
    c.vlen = (uint16_t)vlen;
    c.key = key;
    c.val = val;
    rbt_res res;
    int rc = rbt_insert_rec(db, db->pager.root, db->pager.depth, &c, &res);
    if (rc == RBTKV_OK && res.split) rc = rbt_grow_root(db, &res);
    if (rc == RBTKV_OK) db->pager.key_count++;
    return rc;
}

/* A value of the same length is replaced in place (SPEC.md 6.1). */
static int rbt_tree_replace(rbtkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    rbt_node *nd = rbt_node_new(0, 0);
    if (!nd) return RBTKV_ENOMEM;
    int rc = rbt_find_leaf(db, key, klen, nd);
    if (rc == RBTKV_OK) {
        int found;
        int idx = rbt_node_lower_bound(nd, key, klen, &found);
        if (!found || nd->c[idx].vlen != vlen) {
            rc = RBTKV_ECORRUPT;
        } else {
            rbt_node_remove(nd, idx);
            rbt_cell c = {0};
            c.klen = (uint16_t)klen;
            c.vlen = (uint16_t)vlen;
            c.key = key;
            c.val = val;
            rc = rbt_node_insert(nd, idx, &c);
            if (rc == RBTKV_OK) rc = rbt_store(db, nd);
        }
    }
    free(nd);
    return rc;
}

/* ---- deletion (SPEC.md 6.2 - 6.5) --------------------------------------------------------------- */

/* Child at position pos of P underflowed: merge it with a sibling or redistribute. */
static int rbt_rebalance(rbtkv *db, rbt_node *P, int pos) {
    int ai = pos < P->n ? pos : pos - 1;
    int rc;
    rbt_node *A = rbt_load_new(db, rbt_node_child_at(P, ai), &rc);
    if (!A) return rc;
    rbt_node *B = rbt_load_new(db, rbt_node_child_at(P, ai + 1), &rc);
    if (!B) {
        free(A);
        return rc;
    }
    if (A->type != B->type) {
        free(A);
        free(B);
        return RBTKV_ECORRUPT;
    }
    rbt_cell sep = {0};
    sep.klen = P->c[ai].klen;
    sep.key = P->c[ai].key;
    sep.child = B->link;
    size_t combined = rbt_node_used(A) + rbt_node_used(B);
    if (A->type == RBT_PT_INTERNAL) combined += rbt_cell_size(RBT_PT_INTERNAL, &sep);

    if (combined <= RBT_CAPACITY) {
        /* merge B into A and free B */
        if (A->type == RBT_PT_INTERNAL) rc = rbt_node_append(A, &sep);
        for (int i = 0; i < B->n && rc == RBTKV_OK; i++) rc = rbt_node_append(A, &B->c[i]);
        if (A->type == RBT_PT_LEAF) A->link = B->link;
        if (rc == RBTKV_OK) rc = rbt_store(db, A);
        if (rc == RBTKV_OK) rc = rbt_pager_free(&db->pager, B->pgno);
        if (rc == RBTKV_OK) rbt_node_remove(P, ai);
    } else {
        /* redistribute: divide the cells of both as a split would */
        rbt_node *all = rbt_node_new(A->type, A->pgno);
        if (!all) rc = RBTKV_ENOMEM;
        for (int i = 0; i < A->n && rc == RBTKV_OK; i++) rc = rbt_node_append(all, &A->c[i]);
        if (rc == RBTKV_OK && A->type == RBT_PT_INTERNAL) rc = rbt_node_append(all, &sep);
        for (int i = 0; i < B->n && rc == RBTKV_OK; i++) rc = rbt_node_append(all, &B->c[i]);
        if (rc == RBTKV_OK) {
            all->link = A->type == RBT_PT_LEAF ? B->link : A->link;
            rbt_res r;
            rc = rbt_divide(all, A, B, &r);
            if (rc == RBTKV_OK) rc = rbt_store(db, A);
            if (rc == RBTKV_OK) rc = rbt_store(db, B);
            if (rc == RBTKV_OK) rc = rbt_node_set_key(P, ai, r.sep, r.seplen);
        }
        free(all);
    }
    free(A);
    free(B);
    return rc;
}

static int rbt_delete_rec(rbtkv *db, uint32_t pgno, uint32_t level, const void *key, size_t klen,
                         int *found, rbt_res *res) {
    int rc;
    rbt_node *nd = rbt_load_new(db, pgno, &rc);
    if (!nd) return rc;
    memset(res, 0, sizeof *res);
    if ((nd->type == RBT_PT_LEAF) != (level == 1)) {
        free(nd);
        return RBTKV_ECORRUPT;
    }
    if (nd->type == RBT_PT_LEAF) {
        int idx = rbt_node_lower_bound(nd, key, klen, found);
        if (*found) {
            rbt_node_remove(nd, idx);
            rc = rbt_finish(db, nd, res);
        }
        free(nd);
        return rc;
    }
    int pos = rbt_node_child_pos(nd, key, klen);
    rbt_res sub;
    rc = rbt_delete_rec(db, rbt_node_child_at(nd, pos), level - 1, key, klen, found, &sub);
    if (rc == RBTKV_OK && *found && (sub.split || sub.underflow)) {
        if (sub.split) {
            rbt_cell c = {0};
            c.klen = sub.seplen;
            c.key = sub.sep;
            c.child = sub.right;
            rc = rbt_node_insert(nd, pos, &c);
        } else {
            rc = rbt_rebalance(db, nd, pos);
        }
        if (rc == RBTKV_OK) rc = rbt_finish(db, nd, res);
    }
    free(nd);
    return rc;
}

static int rbt_tree_delete(rbtkv *db, const void *key, size_t klen, int *found) {
    rbt_res res;
    *found = 0;
    int rc = rbt_delete_rec(db, db->pager.root, db->pager.depth, key, klen, found, &res);
    if (rc != RBTKV_OK || !*found) return rc;
    if (res.split) rc = rbt_grow_root(db, &res);
    /* SPEC.md 6.5: an internal root left without cells gives way to its only child */
    while (rc == RBTKV_OK && db->pager.depth > 1) {
        rbt_node *root = rbt_load_new(db, db->pager.root, &rc);
        if (!root) break;
        if (root->n == 0) {
            uint32_t old = root->pgno;
            db->pager.root = root->link;
            db->pager.depth--;
            rc = rbt_pager_free(&db->pager, old);
            free(root);
        } else {
            free(root);
            break;
        }
    }
    if (rc == RBTKV_OK) db->pager.key_count--;
    return rc;
}

/* ---- statistics -------------------------------------------------------------------------------- */

static int rbt_tree_count(rbtkv *db, uint32_t pgno, uint32_t level, rbtkv_stats *st) {
    int rc;
    rbt_node *nd = rbt_load_new(db, pgno, &rc);
    if (!nd) return rc;
    if ((nd->type == RBT_PT_LEAF) != (level == 1)) {
        free(nd);
        return RBTKV_ECORRUPT;
    }
    if (nd->type == RBT_PT_LEAF) {
        st->leaf_pages++;
        free(nd);
        return RBTKV_OK;
    }
    st->internal_pages++;
    for (int pos = 0; pos <= nd->n && rc == RBTKV_OK; pos++)
        rc = rbt_tree_count(db, rbt_node_child_at(nd, pos), level - 1, st);
    free(nd);
    return rc;
}

/* The public API: argument checks, the write path and statistics (SPEC.md sections 7 and 8). */


static int rbt_check_key(const void *key, size_t klen) {
    if (klen == 0 || klen > RBTKV_MAX_KEY) return RBTKV_EKEYSIZE;
    if (!key) return RBTKV_EINVAL;
    return RBTKV_OK;
}

static int rbtkv_open(const char *path, int flags, rbtkv **out) {
    if (!out) return RBTKV_EINVAL;
    *out = NULL;
    if (!path || (flags & ~RBTKV_CREATE) != 0) return RBTKV_EINVAL;
    rbtkv *db = calloc(1, sizeof *db);
    if (!db) return RBTKV_ENOMEM;
    db->scratch = rbt_node_new(0, 0);
    if (!db->scratch) {
        free(db);
        return RBTKV_ENOMEM;
    }
    int rc = rbt_pager_open(&db->pager, path, flags);
    if (rc != RBTKV_OK) {
        free(db->scratch);
        free(db);
        return rc;
    }
    *out = db;
    return RBTKV_OK;
}

static int rbtkv_close(rbtkv *db) {
    if (!db) return RBTKV_EINVAL;
    rbt_pager_close(&db->pager);
    free(db->scratch);
    free(db);
    return RBTKV_OK;
}

/* Looks key up; on success *vlen_out is the stored length. */
static int rbt_lookup(rbtkv *db, const void *key, size_t klen, void *buf, size_t cap, size_t *vlen_out) {
    rbt_node *nd = db->scratch;
    int rc = rbt_find_leaf(db, key, klen, nd);
    if (rc != RBTKV_OK) return rc;
    int found;
    int idx = rbt_node_lower_bound(nd, key, klen, &found);
    if (!found) return RBTKV_NOTFOUND;
    const rbt_cell *c = &nd->c[idx];
    *vlen_out = c->vlen;
    if (buf == NULL && cap == 0) return RBTKV_OK;
    if (c->vlen > cap) return RBTKV_ERANGE;
    if (c->vlen) memcpy(buf, c->val, c->vlen);
    return RBTKV_OK;
}

static int rbtkv_get(rbtkv *db, const void *key, size_t klen, void *buf, size_t cap, size_t *vlen) {
    if (!db) return RBTKV_EINVAL;
    int rc = rbt_check_key(key, klen);
    if (rc != RBTKV_OK) return rc;
    if (!vlen || (!buf && cap != 0)) return RBTKV_EINVAL;
    size_t n = 0;
    rc = rbt_lookup(db, key, klen, buf, cap, &n);
    if (rc == RBTKV_OK || rc == RBTKV_ERANGE) *vlen = n;
    return rc;
}

static int rbtkv_put(rbtkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    if (!db) return RBTKV_EINVAL;
    int rc = rbt_check_key(key, klen);
    if (rc != RBTKV_OK) return rc;
    if (vlen > RBTKV_MAX_VALUE) return RBTKV_EVALSIZE;
    if (!val && vlen != 0) return RBTKV_EINVAL;
    if (!val) val = "";
    size_t old;
    rc = rbt_lookup(db, key, klen, NULL, 0, &old);
    if (rc == RBTKV_OK) {
        if (old == vlen) {
            rc = rbt_tree_replace(db, key, klen, val, vlen);
        } else {
            int found;
            rc = rbt_tree_delete(db, key, klen, &found);
            if (rc == RBTKV_OK) rc = rbt_tree_insert(db, key, klen, val, vlen);
        }
    } else if (rc == RBTKV_NOTFOUND) {
        rc = rbt_tree_insert(db, key, klen, val, vlen);
    }
    if (rc != RBTKV_OK) return rc;
    db->gen++;
    return rbt_pager_commit(&db->pager);
}

static int rbtkv_del(rbtkv *db, const void *key, size_t klen) {
    if (!db) return RBTKV_EINVAL;
    int rc = rbt_check_key(key, klen);
    if (rc != RBTKV_OK) return rc;
    int found;
    rc = rbt_tree_delete(db, key, klen, &found);
    if (rc != RBTKV_OK) return rc;
    if (!found) return RBTKV_NOTFOUND;
    db->gen++;
    return rbt_pager_commit(&db->pager);
}

static int rbtkv_stats_get(rbtkv *db, rbtkv_stats *st) {
    if (!db || !st) return RBTKV_EINVAL;
    memset(st, 0, sizeof *st);
    int rc = rbt_tree_count(db, db->pager.root, db->pager.depth, st);
    if (rc != RBTKV_OK) return rc;
    st->page_count = db->pager.page_count;
    st->free_pages = db->pager.free_count;
    st->depth = db->pager.depth;
    st->key_count = db->pager.key_count;
    return RBTKV_OK;
}

static const char *rbtkv_strerror(int rc) {
    switch (rc) {
    case RBTKV_OK: return "ok";
    case RBTKV_NOTFOUND: return "key not found";
    case RBTKV_END: return "end of data";
    case RBTKV_EINVAL: return "invalid argument";
    case RBTKV_EKEYSIZE: return "key length out of range";
    case RBTKV_EVALSIZE: return "value too long";
    case RBTKV_ERANGE: return "buffer too small";
    case RBTKV_ENOENT: return "no such store";
    case RBTKV_EIO: return "i/o error";
    case RBTKV_ECORRUPT: return "store is corrupt";
    case RBTKV_ENOMEM: return "out of memory";
    default: return "unknown error";
    }
}

/* Range cursors (SPEC.md section 7.5). */


#define RBT_CUR_UNSET 0
#define RBT_CUR_AT 1
#define RBT_CUR_END 2

struct rbtkv_cursor {
    rbtkv *db;
    int state;
    uint64_t gen;   /* db->gen when the position was taken */
    uint32_t leaf;  /* page and index of the current cell */
    int idx;
    uint16_t klen, vlen;
    unsigned char key[RBTKV_MAX_KEY];
    unsigned char val[RBTKV_MAX_VALUE];
};

static int rbtkv_cursor_open(rbtkv *db, rbtkv_cursor **out) {
    if (!out) return RBTKV_EINVAL;
    *out = NULL;
    if (!db) return RBTKV_EINVAL;
    rbtkv_cursor *c = calloc(1, sizeof *c);
    if (!c) return RBTKV_ENOMEM;
    c->db = db;
    c->state = RBT_CUR_UNSET;
    db->open_cursors++;
    *out = c;
    return RBTKV_OK;
}

static void rbtkv_cursor_close(rbtkv_cursor *c) {
    if (!c) return;
    c->db->open_cursors--;
    free(c);
}

/* Moves from (leaf nd, idx) to the first cell at or after it, following leaf links. */
static int rbt_cur_settle(rbtkv_cursor *c, rbt_node *nd, int idx) {
    while (idx >= nd->n) {
        if (nd->link == 0) {
            c->state = RBT_CUR_END;
            return RBTKV_END;
        }
        int rc = rbt_load(c->db, nd->link, nd);
        if (rc != RBTKV_OK) return rc;
        if (nd->type != RBT_PT_LEAF) return RBTKV_ECORRUPT;
        idx = 0;
    }
    const rbt_cell *cell = &nd->c[idx];
    c->leaf = nd->pgno;
    c->idx = idx;
    c->klen = cell->klen;
    c->vlen = cell->vlen;
    memcpy(c->key, cell->key, cell->klen);
    if (cell->vlen) memcpy(c->val, cell->val, cell->vlen);
    c->gen = c->db->gen;
    c->state = RBT_CUR_AT;
    return RBTKV_OK;
}

static int rbt_cur_seek(rbtkv_cursor *c, const void *key, size_t klen, int strictly_after) {
    rbt_node *nd = c->db->scratch;
    int rc = rbt_find_leaf(c->db, key, klen, nd);
    if (rc != RBTKV_OK) return rc;
    int found;
    int idx = rbt_node_lower_bound(nd, key, klen, &found);
    if (found && strictly_after) idx++;
    return rbt_cur_settle(c, nd, idx);
}

static int rbtkv_cursor_first(rbtkv_cursor *c) {
    if (!c) return RBTKV_EINVAL;
    rbt_node *nd = c->db->scratch;
    uint32_t pgno = c->db->pager.root;
    for (;;) {
        int rc = rbt_load(c->db, pgno, nd);
        if (rc != RBTKV_OK) return rc;
        if (nd->type == RBT_PT_LEAF) break;
        pgno = nd->link;
    }
    return rbt_cur_settle(c, nd, 0);
}

static int rbtkv_cursor_seek(rbtkv_cursor *c, const void *key, size_t klen) {
    if (!c) return RBTKV_EINVAL;
    int rc = rbt_check_key(key, klen);
    if (rc != RBTKV_OK) return rc;
    return rbt_cur_seek(c, key, klen, 0);
}

static int rbtkv_cursor_next(rbtkv_cursor *c) {
    if (!c) return RBTKV_EINVAL;
    if (c->state == RBT_CUR_UNSET) return RBTKV_EINVAL;
    if (c->state == RBT_CUR_END) return RBTKV_END;
    if (c->gen != c->db->gen) return rbt_cur_seek(c, c->key, c->klen, 1);
    rbt_node *nd = c->db->scratch;
    int rc = rbt_load(c->db, c->leaf, nd);
    if (rc != RBTKV_OK) return rc;
    return rbt_cur_settle(c, nd, c->idx + 1);
}

static int rbtkv_cursor_key(rbtkv_cursor *c, const void **key, size_t *klen) {
    if (!c || !key || !klen) return RBTKV_EINVAL;
    if (c->state == RBT_CUR_UNSET) return RBTKV_EINVAL;
    if (c->state == RBT_CUR_END) return RBTKV_END;
    *key = c->key;
    *klen = c->klen;
    return RBTKV_OK;
}

static int rbtkv_cursor_value(rbtkv_cursor *c, const void **val, size_t *vlen) {
    if (!c || !val || !vlen) return RBTKV_EINVAL;
    if (c->state == RBT_CUR_UNSET) return RBTKV_EINVAL;
    if (c->state == RBT_CUR_END) return RBTKV_END;
    *val = c->val;
    *vlen = c->vlen;
    return RBTKV_OK;
}


#endif
