/* Nodes: the decoded form of a leaf or internal page (SPEC.md sections 3 and 4). */
#ifndef BT_NODE_H
#define BT_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "btkv.h"

#define BT_NODE_HDR 16
#define BT_CAPACITY (BTKV_PAGE_SIZE - BT_NODE_HDR) /* bytes of cells a page holds: 1008 */
#define BT_MIN_FILL (BT_CAPACITY / 4)              /* below this a non-root node underflows */
#define BT_LEAF_CELL_HDR 4
#define BT_INTERNAL_CELL_HDR 6
#define BT_NODE_MAX_CELLS 512
#define BT_ARENA_SIZE (6 * BTKV_PAGE_SIZE)

typedef struct bt_cell {
    uint16_t klen;
    uint16_t vlen;  /* leaf cells */
    uint32_t child; /* internal cells: the subtree holding keys >= key */
    const unsigned char *key;
    const unsigned char *val;
} bt_cell;

typedef struct bt_node {
    uint8_t type;  /* BT_PT_LEAF or BT_PT_INTERNAL */
    uint32_t pgno; /* the page the node is written to */
    uint32_t link; /* leaf: next leaf (0 = none); internal: leftmost child */
    int n;
    bt_cell c[BT_NODE_MAX_CELLS];
    size_t arena_used;
    unsigned char arena[BT_ARENA_SIZE];
} bt_node;

bt_node *bt_node_new(uint8_t type, uint32_t pgno);
void bt_node_reset(bt_node *nd, uint8_t type, uint32_t pgno);
int bt_node_decode(const unsigned char *page, uint32_t pgno, bt_node *nd);
void bt_node_encode(const bt_node *nd, unsigned char *page);

int bt_keycmp(const void *a, size_t alen, const void *b, size_t blen);
size_t bt_cell_size(uint8_t type, const bt_cell *c);
size_t bt_node_used(const bt_node *nd);

/* Index of the first cell whose key is >= key; *found is set when it is equal. */
int bt_node_lower_bound(const bt_node *nd, const void *key, size_t klen, int *found);
/* Internal nodes: the child position to descend into for key (0 = the leftmost child). */
int bt_node_child_pos(const bt_node *nd, const void *key, size_t klen);
uint32_t bt_node_child_at(const bt_node *nd, int pos);

int bt_node_insert(bt_node *nd, int idx, const bt_cell *c);
void bt_node_remove(bt_node *nd, int idx);
int bt_node_append(bt_node *nd, const bt_cell *c);
int bt_node_set_key(bt_node *nd, int idx, const void *key, size_t klen);

#endif
