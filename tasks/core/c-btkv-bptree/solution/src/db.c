/* The public API: argument checks, the write path and statistics (SPEC.md sections 7 and 8). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int bt_check_key(const void *key, size_t klen) {
    if (klen == 0 || klen > BTKV_MAX_KEY) return BTKV_EKEYSIZE;
    if (!key) return BTKV_EINVAL;
    return BTKV_OK;
}

int btkv_open(const char *path, int flags, btkv **out) {
    if (!out) return BTKV_EINVAL;
    *out = NULL;
    if (!path || (flags & ~BTKV_CREATE) != 0) return BTKV_EINVAL;
    btkv *db = calloc(1, sizeof *db);
    if (!db) return BTKV_ENOMEM;
    db->scratch = bt_node_new(0, 0);
    if (!db->scratch) {
        free(db);
        return BTKV_ENOMEM;
    }
    int rc = bt_pager_open(&db->pager, path, flags);
    if (rc != BTKV_OK) {
        free(db->scratch);
        free(db);
        return rc;
    }
    *out = db;
    return BTKV_OK;
}

int btkv_close(btkv *db) {
    if (!db) return BTKV_EINVAL;
    bt_pager_close(&db->pager);
    free(db->scratch);
    free(db);
    return BTKV_OK;
}

/* Looks key up; on success *vlen_out is the stored length. */
static int bt_lookup(btkv *db, const void *key, size_t klen, void *buf, size_t cap, size_t *vlen_out) {
    bt_node *nd = db->scratch;
    int rc = bt_find_leaf(db, key, klen, nd);
    if (rc != BTKV_OK) return rc;
    int found;
    int idx = bt_node_lower_bound(nd, key, klen, &found);
    if (!found) return BTKV_NOTFOUND;
    const bt_cell *c = &nd->c[idx];
    *vlen_out = c->vlen;
    if (buf == NULL && cap == 0) return BTKV_OK;
    if (c->vlen > cap) return BTKV_ERANGE;
    if (c->vlen) memcpy(buf, c->val, c->vlen);
    return BTKV_OK;
}

int btkv_get(btkv *db, const void *key, size_t klen, void *buf, size_t cap, size_t *vlen) {
    if (!db) return BTKV_EINVAL;
    int rc = bt_check_key(key, klen);
    if (rc != BTKV_OK) return rc;
    if (!vlen || (!buf && cap != 0)) return BTKV_EINVAL;
    size_t n = 0;
    rc = bt_lookup(db, key, klen, buf, cap, &n);
    if (rc == BTKV_OK || rc == BTKV_ERANGE) *vlen = n;
    return rc;
}

int btkv_put(btkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    if (!db) return BTKV_EINVAL;
    int rc = bt_check_key(key, klen);
    if (rc != BTKV_OK) return rc;
    if (vlen > BTKV_MAX_VALUE) return BTKV_EVALSIZE;
    if (!val && vlen != 0) return BTKV_EINVAL;
    if (!val) val = "";
    size_t old;
    rc = bt_lookup(db, key, klen, NULL, 0, &old);
    if (rc == BTKV_OK) {
        if (old == vlen) {
            rc = bt_tree_replace(db, key, klen, val, vlen);
        } else {
            int found;
            rc = bt_tree_delete(db, key, klen, &found);
            if (rc == BTKV_OK) rc = bt_tree_insert(db, key, klen, val, vlen);
        }
    } else if (rc == BTKV_NOTFOUND) {
        rc = bt_tree_insert(db, key, klen, val, vlen);
    }
    if (rc != BTKV_OK) return rc;
    db->gen++;
    return bt_pager_commit(&db->pager);
}

int btkv_del(btkv *db, const void *key, size_t klen) {
    if (!db) return BTKV_EINVAL;
    int rc = bt_check_key(key, klen);
    if (rc != BTKV_OK) return rc;
    int found;
    rc = bt_tree_delete(db, key, klen, &found);
    if (rc != BTKV_OK) return rc;
    if (!found) return BTKV_NOTFOUND;
    db->gen++;
    return bt_pager_commit(&db->pager);
}

int btkv_stats_get(btkv *db, btkv_stats *st) {
    if (!db || !st) return BTKV_EINVAL;
    memset(st, 0, sizeof *st);
    int rc = bt_tree_count(db, db->pager.root, db->pager.depth, st);
    if (rc != BTKV_OK) return rc;
    st->page_count = db->pager.page_count;
    st->free_pages = db->pager.free_count;
    st->depth = db->pager.depth;
    st->key_count = db->pager.key_count;
    return BTKV_OK;
}

const char *btkv_strerror(int rc) {
    switch (rc) {
    case BTKV_OK: return "ok";
    case BTKV_NOTFOUND: return "key not found";
    case BTKV_END: return "end of data";
    case BTKV_EINVAL: return "invalid argument";
    case BTKV_EKEYSIZE: return "key length out of range";
    case BTKV_EVALSIZE: return "value too long";
    case BTKV_ERANGE: return "buffer too small";
    case BTKV_ENOENT: return "no such store";
    case BTKV_EIO: return "i/o error";
    case BTKV_ECORRUPT: return "store is corrupt";
    case BTKV_ENOMEM: return "out of memory";
    default: return "unknown error";
    }
}
