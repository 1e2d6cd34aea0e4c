/* The pager: the file, its header page, a cache of pages and the free-page list. */
#ifndef BT_PAGER_H
#define BT_PAGER_H

#include <stddef.h>
#include <stdint.h>

#include "btkv.h"

#define BT_PT_LEAF 1
#define BT_PT_INTERNAL 2
#define BT_PT_FREE 3

typedef struct bt_page {
    uint32_t pgno;
    int dirty;
    unsigned char data[BTKV_PAGE_SIZE];
} bt_page;

typedef struct bt_pager {
    int fd;
    /* header fields (SPEC.md section 2) */
    uint32_t page_count;
    uint32_t root;
    uint32_t depth;
    uint32_t free_head;
    uint32_t free_count;
    uint64_t key_count;
    /* cache: one slot per page number */
    bt_page **slots;
    size_t nslots;
    /* pages changed since the last commit */
    bt_page **dirty;
    size_t ndirty, dirty_cap;
} bt_pager;

int bt_pager_open(bt_pager *p, const char *path, int flags);
void bt_pager_close(bt_pager *p);
int bt_pager_get(bt_pager *p, uint32_t pgno, bt_page **out);
int bt_pager_alloc(bt_pager *p, bt_page **out);
int bt_pager_free(bt_pager *p, uint32_t pgno);
int bt_pager_dirty(bt_pager *p, bt_page *pg);
int bt_pager_commit(bt_pager *p);
void bt_pager_encode_header(const bt_pager *p, unsigned char *out);
void bt_page_seal(unsigned char *data);
int bt_page_check(const unsigned char *data);

#endif
