/* Range cursors (SPEC.md section 7.5). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BT_CUR_UNSET 0
#define BT_CUR_AT 1
#define BT_CUR_END 2

struct btkv_cursor {
    btkv *db;
    int state;
    uint64_t gen;   /* db->gen when the position was taken */
    uint32_t leaf;  /* page and index of the current cell */
    int idx;
    uint16_t klen, vlen;
    unsigned char key[BTKV_MAX_KEY];
    unsigned char val[BTKV_MAX_VALUE];
};

int btkv_cursor_open(btkv *db, btkv_cursor **out) {
    if (!out) return BTKV_EINVAL;
    *out = NULL;
    if (!db) return BTKV_EINVAL;
    btkv_cursor *c = calloc(1, sizeof *c);
    if (!c) return BTKV_ENOMEM;
    c->db = db;
    c->state = BT_CUR_UNSET;
    db->open_cursors++;
    *out = c;
    return BTKV_OK;
}

void btkv_cursor_close(btkv_cursor *c) {
    if (!c) return;
    c->db->open_cursors--;
    free(c);
}

/* Moves from (leaf nd, idx) to the first cell at or after it, following leaf links. */
static int bt_cur_settle(btkv_cursor *c, bt_node *nd, int idx) {
    while (idx >= nd->n) {
        if (nd->link == 0) {
            c->state = BT_CUR_END;
            return BTKV_END;
        }
        int rc = bt_load(c->db, nd->link, nd);
        if (rc != BTKV_OK) return rc;
        if (nd->type != BT_PT_LEAF) return BTKV_ECORRUPT;
        idx = 0;
    }
    const bt_cell *cell = &nd->c[idx];
    c->leaf = nd->pgno;
    c->idx = idx;
    c->klen = cell->klen;
    c->vlen = cell->vlen;
    memcpy(c->key, cell->key, cell->klen);
    if (cell->vlen) memcpy(c->val, cell->val, cell->vlen);
    c->gen = c->db->gen;
    c->state = BT_CUR_AT;
    return BTKV_OK;
}

static int bt_cur_seek(btkv_cursor *c, const void *key, size_t klen, int strictly_after) {
    bt_node *nd = c->db->scratch;
    int rc = bt_find_leaf(c->db, key, klen, nd);
    if (rc != BTKV_OK) return rc;
    int found;
    int idx = bt_node_lower_bound(nd, key, klen, &found);
    if (found && strictly_after) idx++;
    return bt_cur_settle(c, nd, idx);
}

int btkv_cursor_first(btkv_cursor *c) {
    if (!c) return BTKV_EINVAL;
    bt_node *nd = c->db->scratch;
    uint32_t pgno = c->db->pager.root;
    for (;;) {
        int rc = bt_load(c->db, pgno, nd);
        if (rc != BTKV_OK) return rc;
        if (nd->type == BT_PT_LEAF) break;
        pgno = nd->link;
    }
    return bt_cur_settle(c, nd, 0);
}

int btkv_cursor_seek(btkv_cursor *c, const void *key, size_t klen) {
    if (!c) return BTKV_EINVAL;
    int rc = bt_check_key(key, klen);
    if (rc != BTKV_OK) return rc;
    return bt_cur_seek(c, key, klen, 0);
}

int btkv_cursor_next(btkv_cursor *c) {
    if (!c) return BTKV_EINVAL;
    if (c->state == BT_CUR_UNSET) return BTKV_EINVAL;
    if (c->state == BT_CUR_END) return BTKV_END;
    if (c->gen != c->db->gen) return bt_cur_seek(c, c->key, c->klen, 1);
    bt_node *nd = c->db->scratch;
    int rc = bt_load(c->db, c->leaf, nd);
    if (rc != BTKV_OK) return rc;
    return bt_cur_settle(c, nd, c->idx + 1);
}

int btkv_cursor_key(btkv_cursor *c, const void **key, size_t *klen) {
    if (!c || !key || !klen) return BTKV_EINVAL;
    if (c->state == BT_CUR_UNSET) return BTKV_EINVAL;
    if (c->state == BT_CUR_END) return BTKV_END;
    *key = c->key;
    *klen = c->klen;
    return BTKV_OK;
}

int btkv_cursor_value(btkv_cursor *c, const void **val, size_t *vlen) {
    if (!c || !val || !vlen) return BTKV_EINVAL;
    if (c->state == BT_CUR_UNSET) return BTKV_EINVAL;
    if (c->state == BT_CUR_END) return BTKV_END;
    *val = c->val;
    *vlen = c->vlen;
    return BTKV_OK;
}
