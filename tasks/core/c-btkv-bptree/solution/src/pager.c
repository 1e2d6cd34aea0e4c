#define _POSIX_C_SOURCE 200809L
#include "pager.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codec.h"
#include "crc32.h"

static const unsigned char BT_MAGIC[8] = {'B', 'T', 'K', 'V', 0, 0, 0, 1};

/* ---- page checksums (SPEC.md 3.1) -------------------------------------------------------- */

static uint32_t bt_page_crc(const unsigned char *data) {
    uint32_t c = bt_crc32_update(0, data, 4);
    static const unsigned char zero[4] = {0, 0, 0, 0};
    c = bt_crc32_update(c, zero, 4);
    return bt_crc32_update(c, data + 8, BTKV_PAGE_SIZE - 8);
}

void bt_page_seal(unsigned char *data) {
    bt_put32(data + 4, bt_page_crc(data));
}

int bt_page_check(const unsigned char *data) {
    return bt_get32(data + 4) == bt_page_crc(data);
}

/* ---- I/O --------------------------------------------------------------------------------- */

static int bt_read_at(int fd, unsigned char *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, buf + done, n - done, off + (off_t)done);
        if (r < 0) {
            if (errno == EINTR) continue;
            return BTKV_EIO;
        }
        if (r == 0) return BTKV_ECORRUPT;
        done += (size_t)r;
    }
    return BTKV_OK;
}

static int bt_write_at(int fd, const unsigned char *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = pwrite(fd, buf + done, n - done, off + (off_t)done);
        if (r < 0) {
            if (errno == EINTR) continue;
            return BTKV_EIO;
        }
        done += (size_t)r;
    }
    return BTKV_OK;
}

/* ---- the cache ----------------------------------------------------------------------------- */

static bt_page *bt_cache_find(bt_pager *p, uint32_t pgno) {
    if (pgno >= p->nslots) return NULL;
    return p->slots[pgno];
}

static int bt_cache_insert(bt_pager *p, bt_page *pg) {
    if (pg->pgno >= p->nslots) {
        size_t n = p->nslots ? p->nslots : 64;
        while (n <= pg->pgno) n *= 2;
        bt_page **s = realloc(p->slots, n * sizeof *s);
        if (!s) return BTKV_ENOMEM;
        memset(s + p->nslots, 0, (n - p->nslots) * sizeof *s);
        p->slots = s;
        p->nslots = n;
    }
    p->slots[pg->pgno] = pg;
    return BTKV_OK;
}

/* ---- header (SPEC.md section 2) ------------------------------------------------------------ */

void bt_pager_encode_header(const bt_pager *p, unsigned char *out) {
    memset(out, 0, BTKV_PAGE_SIZE);
    memcpy(out, BT_MAGIC, 8);
    bt_put32(out + 8, BTKV_PAGE_SIZE);
    bt_put32(out + 12, p->page_count);
    bt_put32(out + 16, p->root);
    bt_put32(out + 20, p->depth);
    bt_put32(out + 24, p->free_head);
    bt_put32(out + 28, p->free_count);
    bt_put64(out + 32, p->key_count);
    bt_put32(out + 40, bt_crc32(out, 40));
}

static int bt_decode_header(bt_pager *p, const unsigned char *h, uint64_t file_size) {
    if (memcmp(h, BT_MAGIC, 8) != 0) return BTKV_ECORRUPT;
    if (bt_get32(h + 40) != bt_crc32(h, 40)) return BTKV_ECORRUPT;
    if (bt_get32(h + 8) != BTKV_PAGE_SIZE) return BTKV_ECORRUPT;
    p->page_count = bt_get32(h + 12);
    p->root = bt_get32(h + 16);
    p->depth = bt_get32(h + 20);
    p->free_head = bt_get32(h + 24);
    p->free_count = bt_get32(h + 28);
    p->key_count = bt_get64(h + 32);
    if ((uint64_t)p->page_count * BTKV_PAGE_SIZE != file_size) return BTKV_ECORRUPT;
    if (p->root == 0 || p->root >= p->page_count) return BTKV_ECORRUPT;
    if (p->depth == 0) return BTKV_ECORRUPT;
    if (p->free_head >= p->page_count) return BTKV_ECORRUPT;
    if (p->free_count >= p->page_count) return BTKV_ECORRUPT;
    if ((p->free_head == 0) != (p->free_count == 0)) return BTKV_ECORRUPT;
    return BTKV_OK;
}

/* ---- open / close -------------------------------------------------------------------------- */

int bt_pager_open(bt_pager *p, const char *path, int flags) {
    memset(p, 0, sizeof *p);
    p->fd = -1;
    int fd = open(path, O_RDWR);
    if (fd < 0 && errno == ENOENT) {
        if (!(flags & BTKV_CREATE)) return BTKV_ENOENT;
        fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
        if (fd < 0) return BTKV_EIO;
        p->fd = fd;
        p->page_count = 2;
        p->root = 1;
        p->depth = 1;
        unsigned char page[BTKV_PAGE_SIZE];
        memset(page, 0, sizeof page);
        page[0] = BT_PT_LEAF;
        bt_page_seal(page);
        int rc = bt_write_at(fd, page, sizeof page, BTKV_PAGE_SIZE);
        if (rc == BTKV_OK) {
            bt_pager_encode_header(p, page);
            rc = bt_write_at(fd, page, sizeof page, 0);
        }
        if (rc != BTKV_OK) {
            close(fd);
            p->fd = -1;
        }
        return rc;
    }
    if (fd < 0) return BTKV_EIO;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return BTKV_EIO;
    }
    uint64_t size = (uint64_t)st.st_size;
    if (size < 2 * BTKV_PAGE_SIZE || size % BTKV_PAGE_SIZE != 0) {
        close(fd);
        return BTKV_ECORRUPT;
    }
    unsigned char h[BTKV_PAGE_SIZE];
    int rc = bt_read_at(fd, h, sizeof h, 0);
    if (rc == BTKV_OK) rc = bt_decode_header(p, h, size);
    if (rc != BTKV_OK) {
        close(fd);
        return rc;
    }
    p->fd = fd;
    return BTKV_OK;
}

void bt_pager_close(bt_pager *p) {
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

int bt_pager_get(bt_pager *p, uint32_t pgno, bt_page **out) {
    if (pgno == 0 || pgno >= p->page_count) return BTKV_ECORRUPT;
    bt_page *pg = bt_cache_find(p, pgno);
    if (!pg) {
        pg = malloc(sizeof *pg);
        if (!pg) return BTKV_ENOMEM;
        pg->pgno = pgno;
        pg->dirty = 0;
        int rc = bt_read_at(p->fd, pg->data, BTKV_PAGE_SIZE, (off_t)pgno * BTKV_PAGE_SIZE);
        if (rc == BTKV_OK && !bt_page_check(pg->data)) rc = BTKV_ECORRUPT;
        if (rc == BTKV_OK) rc = bt_cache_insert(p, pg);
        if (rc != BTKV_OK) {
            free(pg);
            return rc;
        }
    }
    *out = pg;
    return BTKV_OK;
}

int bt_pager_dirty(bt_pager *p, bt_page *pg) {
    if (pg->dirty) return BTKV_OK;
    if (p->ndirty == p->dirty_cap) {
        size_t n = p->dirty_cap ? p->dirty_cap * 2 : 32;
        bt_page **d = realloc(p->dirty, n * sizeof *d);
        if (!d) return BTKV_ENOMEM;
        p->dirty = d;
        p->dirty_cap = n;
    }
    p->dirty[p->ndirty++] = pg;
    pg->dirty = 1;
    return BTKV_OK;
}

/* SPEC.md 5.1: take the head of the free list, else grow the file by one page. */
int bt_pager_alloc(bt_pager *p, bt_page **out) {
    bt_page *pg;
    if (p->free_head != 0) {
        int rc = bt_pager_get(p, p->free_head, &pg);
        if (rc != BTKV_OK) return rc;
        if (pg->data[0] != BT_PT_FREE) return BTKV_ECORRUPT;
        p->free_head = bt_get32(pg->data + 8);
        p->free_count--;
    } else {
        pg = malloc(sizeof *pg);
        if (!pg) return BTKV_ENOMEM;
        pg->pgno = p->page_count;
        pg->dirty = 0;
        int rc = bt_cache_insert(p, pg);
        if (rc != BTKV_OK) {
            free(pg);
            return rc;
        }
        p->page_count++;
    }
    memset(pg->data, 0, BTKV_PAGE_SIZE);
    *out = pg;
    return bt_pager_dirty(p, pg);
}

/* SPEC.md 5.2: a freed page is rewritten as a free page and becomes the head of the list. */
int bt_pager_free(bt_pager *p, uint32_t pgno) {
    bt_page *pg;
    int rc = bt_pager_get(p, pgno, &pg);
    if (rc != BTKV_OK) return rc;
    memset(pg->data, 0, BTKV_PAGE_SIZE);
    pg->data[0] = BT_PT_FREE;
    bt_put32(pg->data + 8, p->free_head);
    p->free_head = pgno;
    p->free_count++;
    return bt_pager_dirty(p, pg);
}

/* Writes every dirty page, then the header. */
int bt_pager_commit(bt_pager *p) {
    for (size_t i = 0; i < p->ndirty; i++) {
        bt_page *pg = p->dirty[i];
        bt_page_seal(pg->data);
        int rc = bt_write_at(p->fd, pg->data, BTKV_PAGE_SIZE, (off_t)pg->pgno * BTKV_PAGE_SIZE);
        if (rc != BTKV_OK) return rc;
        pg->dirty = 0;
    }
    p->ndirty = 0;
    unsigned char h[BTKV_PAGE_SIZE];
    bt_pager_encode_header(p, h);
    return bt_write_at(p->fd, h, sizeof h, 0);
}
