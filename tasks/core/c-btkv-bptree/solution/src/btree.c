/* The B+tree: descent, insertion with splits, deletion with merge and redistribution
 * (SPEC.md sections 4 to 6). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct bt_res {
    int split;          /* the node split: insert (sep, right) into the parent */
    uint32_t right;
    uint16_t seplen;
    unsigned char sep[BTKV_MAX_KEY];
    int underflow;      /* the node holds fewer than BT_MIN_FILL bytes of cells */
} bt_res;

int bt_load(btkv *db, uint32_t pgno, bt_node *nd) {
    bt_page *pg;
    int rc = bt_pager_get(&db->pager, pgno, &pg);
    if (rc != BTKV_OK) return rc;
    return bt_node_decode(pg->data, pgno, nd);
}

int bt_store(btkv *db, const bt_node *nd) {
    bt_page *pg;
    int rc = bt_pager_get(&db->pager, nd->pgno, &pg);
    if (rc != BTKV_OK) return rc;
    bt_node_encode(nd, pg->data);
    return bt_pager_dirty(&db->pager, pg);
}

static bt_node *bt_load_new(btkv *db, uint32_t pgno, int *rc) {
    bt_node *nd = bt_node_new(0, pgno);
    if (!nd) {
        *rc = BTKV_ENOMEM;
        return NULL;
    }
    *rc = bt_load(db, pgno, nd);
    if (*rc != BTKV_OK) {
        free(nd);
        return NULL;
    }
    return nd;
}

int bt_find_leaf(btkv *db, const void *key, size_t klen, bt_node *nd) {
    uint32_t pgno = db->pager.root;
    for (uint32_t level = db->pager.depth;; level--) {
        int rc = bt_load(db, pgno, nd);
        if (rc != BTKV_OK) return rc;
        if (nd->type == BT_PT_LEAF) return level == 1 ? BTKV_OK : BTKV_ECORRUPT;
        if (level == 1) return BTKV_ECORRUPT;
        pgno = bt_node_child_at(nd, bt_node_child_pos(nd, key, klen));
    }
}

/* ---- splitting (SPEC.md 5.3) ----------------------------------------------------------------- */

/* The number of cells the left node keeps: the smallest m >= 1 such that the cells before m hold
 * at least half of the bytes. */
static int bt_split_point(const bt_node *all) {
    size_t total = bt_node_used(all);
    size_t acc = 0;
    int m = 1;
    for (int i = 0; i < all->n; i++) {
        acc += bt_cell_size(all->type, &all->c[i]);
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
static int bt_divide(const bt_node *all, bt_node *left, bt_node *right, bt_res *res) {
    int m = bt_split_point(all);
    uint32_t lp = left->pgno, rp = right->pgno;
    bt_node_reset(left, all->type, lp);
    bt_node_reset(right, all->type, rp);
    int rc = BTKV_OK;
    for (int i = 0; i < m && rc == BTKV_OK; i++) rc = bt_node_append(left, &all->c[i]);
    const bt_cell *sep;
    if (all->type == BT_PT_LEAF) {
        for (int i = m; i < all->n && rc == BTKV_OK; i++) rc = bt_node_append(right, &all->c[i]);
        left->link = rp;
        right->link = all->link;
        sep = &all->c[m];
    } else {
        for (int i = m + 1; i < all->n && rc == BTKV_OK; i++) rc = bt_node_append(right, &all->c[i]);
        left->link = all->link;
        right->link = all->c[m].child;
        sep = &all->c[m];
    }
    res->seplen = sep->klen;
    memcpy(res->sep, sep->key, sep->klen);
    return rc;
}

/* Stores a changed node, splitting it if it overflows, and reports what its parent must do. */
static int bt_finish(btkv *db, bt_node *nd, bt_res *res) {
    memset(res, 0, sizeof *res);
    size_t used = bt_node_used(nd);
    if (used <= BT_CAPACITY) {
        res->underflow = used < BT_MIN_FILL;
        return bt_store(db, nd);
    }
    bt_page *pg;
    int rc = bt_pager_alloc(&db->pager, &pg);
    if (rc != BTKV_OK) return rc;
    bt_node *left = bt_node_new(nd->type, nd->pgno);
    bt_node *right = bt_node_new(nd->type, pg->pgno);
    if (!left || !right) rc = BTKV_ENOMEM;
    if (rc == BTKV_OK) rc = bt_divide(nd, left, right, res);
    if (rc == BTKV_OK) rc = bt_store(db, left);
    if (rc == BTKV_OK) rc = bt_store(db, right);
    if (rc == BTKV_OK) {
        res->split = 1;
        res->right = right->pgno;
    }
    free(left);
    free(right);
    return rc;
}

/* A root split: a new root above the old one (SPEC.md 5.4). */
static int bt_grow_root(btkv *db, const bt_res *res) {
    bt_page *pg;
    int rc = bt_pager_alloc(&db->pager, &pg);
    if (rc != BTKV_OK) return rc;
    bt_node *root = bt_node_new(BT_PT_INTERNAL, pg->pgno);
    if (!root) return BTKV_ENOMEM;
    root->link = db->pager.root;
    bt_cell c = {0};
    c.klen = res->seplen;
    c.key = res->sep;
    c.child = res->right;
    rc = bt_node_append(root, &c);
    if (rc == BTKV_OK) rc = bt_store(db, root);
    if (rc == BTKV_OK) {
        db->pager.root = root->pgno;
        db->pager.depth++;
    }
    free(root);
    return rc;
}

/* ---- insertion -------------------------------------------------------------------------------- */

static int bt_insert_rec(btkv *db, uint32_t pgno, uint32_t level, const bt_cell *cell, bt_res *res) {
    int rc;
    bt_node *nd = bt_load_new(db, pgno, &rc);
    if (!nd) return rc;
    memset(res, 0, sizeof *res);
    if ((nd->type == BT_PT_LEAF) != (level == 1)) {
        free(nd);
        return BTKV_ECORRUPT;
    }
    if (nd->type == BT_PT_LEAF) {
        int found;
        int idx = bt_node_lower_bound(nd, cell->key, cell->klen, &found);
        rc = found ? BTKV_ECORRUPT : bt_node_insert(nd, idx, cell);
        if (rc == BTKV_OK) rc = bt_finish(db, nd, res);
        free(nd);
        return rc;
    }
    int pos = bt_node_child_pos(nd, cell->key, cell->klen);
    bt_res sub;
    rc = bt_insert_rec(db, bt_node_child_at(nd, pos), level - 1, cell, &sub);
    if (rc == BTKV_OK && sub.split) {
        bt_cell c = {0};
        c.klen = sub.seplen;
        c.key = sub.sep;
        c.child = sub.right;
        rc = bt_node_insert(nd, pos, &c);
        if (rc == BTKV_OK) rc = bt_finish(db, nd, res);
    }
    free(nd);
    return rc;
}

int bt_tree_insert(btkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    bt_cell c = {0};
    c.klen = (uint16_t)klen;
    c.vlen = (uint16_t)vlen;
    c.key = key;
    c.val = val;
    bt_res res;
    int rc = bt_insert_rec(db, db->pager.root, db->pager.depth, &c, &res);
    if (rc == BTKV_OK && res.split) rc = bt_grow_root(db, &res);
    if (rc == BTKV_OK) db->pager.key_count++;
    return rc;
}

/* A value of the same length is replaced in place (SPEC.md 6.1). */
int bt_tree_replace(btkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    bt_node *nd = bt_node_new(0, 0);
    if (!nd) return BTKV_ENOMEM;
    int rc = bt_find_leaf(db, key, klen, nd);
    if (rc == BTKV_OK) {
        int found;
        int idx = bt_node_lower_bound(nd, key, klen, &found);
        if (!found || nd->c[idx].vlen != vlen) {
            rc = BTKV_ECORRUPT;
        } else {
            bt_node_remove(nd, idx);
            bt_cell c = {0};
            c.klen = (uint16_t)klen;
            c.vlen = (uint16_t)vlen;
            c.key = key;
            c.val = val;
            rc = bt_node_insert(nd, idx, &c);
            if (rc == BTKV_OK) rc = bt_store(db, nd);
        }
    }
    free(nd);
    return rc;
}

/* ---- deletion (SPEC.md 6.2 - 6.5) --------------------------------------------------------------- */

/* Child at position pos of P underflowed: merge it with a sibling or redistribute. */
static int bt_rebalance(btkv *db, bt_node *P, int pos) {
    int ai = pos < P->n ? pos : pos - 1;
    int rc;
    bt_node *A = bt_load_new(db, bt_node_child_at(P, ai), &rc);
    if (!A) return rc;
    bt_node *B = bt_load_new(db, bt_node_child_at(P, ai + 1), &rc);
    if (!B) {
        free(A);
        return rc;
    }
    if (A->type != B->type) {
        free(A);
        free(B);
        return BTKV_ECORRUPT;
    }
    bt_cell sep = {0};
    sep.klen = P->c[ai].klen;
    sep.key = P->c[ai].key;
    sep.child = B->link;
    size_t combined = bt_node_used(A) + bt_node_used(B);
    if (A->type == BT_PT_INTERNAL) combined += bt_cell_size(BT_PT_INTERNAL, &sep);

    if (combined <= BT_CAPACITY) {
        /* merge B into A and free B */
        if (A->type == BT_PT_INTERNAL) rc = bt_node_append(A, &sep);
        for (int i = 0; i < B->n && rc == BTKV_OK; i++) rc = bt_node_append(A, &B->c[i]);
        if (A->type == BT_PT_LEAF) A->link = B->link;
        if (rc == BTKV_OK) rc = bt_store(db, A);
        if (rc == BTKV_OK) rc = bt_pager_free(&db->pager, B->pgno);
        if (rc == BTKV_OK) bt_node_remove(P, ai);
    } else {
        /* redistribute: divide the cells of both as a split would */
        bt_node *all = bt_node_new(A->type, A->pgno);
        if (!all) rc = BTKV_ENOMEM;
        for (int i = 0; i < A->n && rc == BTKV_OK; i++) rc = bt_node_append(all, &A->c[i]);
        if (rc == BTKV_OK && A->type == BT_PT_INTERNAL) rc = bt_node_append(all, &sep);
        for (int i = 0; i < B->n && rc == BTKV_OK; i++) rc = bt_node_append(all, &B->c[i]);
        if (rc == BTKV_OK) {
            all->link = A->type == BT_PT_LEAF ? B->link : A->link;
            bt_res r;
            rc = bt_divide(all, A, B, &r);
            if (rc == BTKV_OK) rc = bt_store(db, A);
            if (rc == BTKV_OK) rc = bt_store(db, B);
            if (rc == BTKV_OK) rc = bt_node_set_key(P, ai, r.sep, r.seplen);
        }
        free(all);
    }
    free(A);
    free(B);
    return rc;
}

static int bt_delete_rec(btkv *db, uint32_t pgno, uint32_t level, const void *key, size_t klen,
                         int *found, bt_res *res) {
    int rc;
    bt_node *nd = bt_load_new(db, pgno, &rc);
    if (!nd) return rc;
    memset(res, 0, sizeof *res);
    if ((nd->type == BT_PT_LEAF) != (level == 1)) {
        free(nd);
        return BTKV_ECORRUPT;
    }
    if (nd->type == BT_PT_LEAF) {
        int idx = bt_node_lower_bound(nd, key, klen, found);
        if (*found) {
            bt_node_remove(nd, idx);
            rc = bt_finish(db, nd, res);
        }
        free(nd);
        return rc;
    }
    int pos = bt_node_child_pos(nd, key, klen);
    bt_res sub;
    rc = bt_delete_rec(db, bt_node_child_at(nd, pos), level - 1, key, klen, found, &sub);
    if (rc == BTKV_OK && *found && (sub.split || sub.underflow)) {
        if (sub.split) {
            bt_cell c = {0};
            c.klen = sub.seplen;
            c.key = sub.sep;
            c.child = sub.right;
            rc = bt_node_insert(nd, pos, &c);
        } else {
            rc = bt_rebalance(db, nd, pos);
        }
        if (rc == BTKV_OK) rc = bt_finish(db, nd, res);
    }
    free(nd);
    return rc;
}

int bt_tree_delete(btkv *db, const void *key, size_t klen, int *found) {
    bt_res res;
    *found = 0;
    int rc = bt_delete_rec(db, db->pager.root, db->pager.depth, key, klen, found, &res);
    if (rc != BTKV_OK || !*found) return rc;
    if (res.split) rc = bt_grow_root(db, &res);
    /* SPEC.md 6.5: an internal root left without cells gives way to its only child */
    while (rc == BTKV_OK && db->pager.depth > 1) {
        bt_node *root = bt_load_new(db, db->pager.root, &rc);
        if (!root) break;
        if (root->n == 0) {
            uint32_t old = root->pgno;
            db->pager.root = root->link;
            db->pager.depth--;
            rc = bt_pager_free(&db->pager, old);
            free(root);
        } else {
            free(root);
            break;
        }
    }
    if (rc == BTKV_OK) db->pager.key_count--;
    return rc;
}

/* ---- statistics -------------------------------------------------------------------------------- */

int bt_tree_count(btkv *db, uint32_t pgno, uint32_t level, btkv_stats *st) {
    int rc;
    bt_node *nd = bt_load_new(db, pgno, &rc);
    if (!nd) return rc;
    if ((nd->type == BT_PT_LEAF) != (level == 1)) {
        free(nd);
        return BTKV_ECORRUPT;
    }
    if (nd->type == BT_PT_LEAF) {
        st->leaf_pages++;
        free(nd);
        return BTKV_OK;
    }
    st->internal_pages++;
    for (int pos = 0; pos <= nd->n && rc == BTKV_OK; pos++)
        rc = bt_tree_count(db, bt_node_child_at(nd, pos), level - 1, st);
    free(nd);
    return rc;
}
