/* Internal declarations shared by the library's files. */
#ifndef BT_INTERNAL_H
#define BT_INTERNAL_H

#include <stdint.h>

#include "btkv.h"
#include "node.h"
#include "pager.h"

struct btkv {
    bt_pager pager;
    bt_node *scratch;  /* used by read-only descents */
    int open_cursors;
};

/* btree.c */
int bt_load(btkv *db, uint32_t pgno, bt_node *nd);
int bt_store(btkv *db, const bt_node *nd);
int bt_find_leaf(btkv *db, const void *key, size_t klen, bt_node *nd);
int bt_tree_insert(btkv *db, const void *key, size_t klen, const void *val, size_t vlen);
int bt_tree_delete(btkv *db, const void *key, size_t klen, int *found);
int bt_tree_replace(btkv *db, const void *key, size_t klen, const void *val, size_t vlen);
int bt_tree_count(btkv *db, uint32_t pgno, uint32_t level, btkv_stats *st);

/* db.c */
int bt_check_key(const void *key, size_t klen);

#endif
