#include "node.h"

#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "pager.h"

bt_node *bt_node_new(uint8_t type, uint32_t pgno) {
    bt_node *nd = malloc(sizeof *nd);
    if (nd) bt_node_reset(nd, type, pgno);
    return nd;
}

void bt_node_reset(bt_node *nd, uint8_t type, uint32_t pgno) {
    nd->type = type;
    nd->pgno = pgno;
    nd->link = 0;
    nd->n = 0;
    nd->arena_used = 0;
}

/* SPEC.md 4.1: keys are byte strings compared like memcmp, a proper prefix first. */
int bt_keycmp(const void *a, size_t alen, const void *b, size_t blen) {
    size_t n = alen < blen ? alen : blen;
    int r = strncmp((const char *)a, (const char *)b, n);
    if (r != 0) return r < 0 ? -1 : 1;
    return (alen > blen) - (alen < blen);
}

size_t bt_cell_size(uint8_t type, const bt_cell *c) {
    if (type == BT_PT_LEAF) return BT_LEAF_CELL_HDR + (size_t)c->klen + c->vlen;
    return BT_INTERNAL_CELL_HDR + (size_t)c->klen;
}

size_t bt_node_used(const bt_node *nd) {
    size_t used = 0;
    for (int i = 0; i < nd->n; i++) used += bt_cell_size(nd->type, &nd->c[i]);
    return used;
}

static const unsigned char *bt_stash(bt_node *nd, const unsigned char *p, size_t n) {
    if (n == 0) return nd->arena;
    if (nd->arena_used + n > sizeof nd->arena) return NULL;
    unsigned char *dst = nd->arena + nd->arena_used;
    memcpy(dst, p, n);
    nd->arena_used += n;
    return dst;
}

/* Decodes and validates a page (SPEC.md 3.2 - 3.4). */
int bt_node_decode(const unsigned char *page, uint32_t pgno, bt_node *nd) {
    uint8_t type = page[0];
    if (type != BT_PT_LEAF && type != BT_PT_INTERNAL) return BTKV_ECORRUPT;
    if (page[1] != 0 || page[14] != 0 || page[15] != 0) return BTKV_ECORRUPT;
    bt_node_reset(nd, type, pgno);
    int n = bt_get16(page + 2);
    size_t used = bt_get16(page + 12);
    if (used > BT_CAPACITY || n > BT_NODE_MAX_CELLS) return BTKV_ECORRUPT;
    nd->link = bt_get32(page + 8);
    const unsigned char *p = page + BT_NODE_HDR;
    const unsigned char *end = p + used;
    for (int i = 0; i < n; i++) {
        bt_cell c;
        memset(&c, 0, sizeof c);
        size_t hdr = type == BT_PT_LEAF ? BT_LEAF_CELL_HDR : BT_INTERNAL_CELL_HDR;
        if ((size_t)(end - p) < hdr) return BTKV_ECORRUPT;
        c.klen = bt_get16(p);
        if (type == BT_PT_LEAF) {
            c.vlen = bt_get16(p + 2);
        } else {
            c.child = bt_get32(p + 2);
        }
        p += hdr;
        if (c.klen == 0 || c.klen > BTKV_MAX_KEY || c.vlen > BTKV_MAX_VALUE) return BTKV_ECORRUPT;
        if ((size_t)(end - p) < (size_t)c.klen + c.vlen) return BTKV_ECORRUPT;
        c.key = p;
        c.val = p + c.klen;
        p += c.klen + c.vlen;
        nd->c[nd->n++] = c;
    }
    if (p != end) return BTKV_ECORRUPT;
    /* the cells now point into the page: copy them into the node */
    for (int i = 0; i < nd->n; i++) {
        bt_cell *c = &nd->c[i];
        c->key = bt_stash(nd, c->key, c->klen);
        c->val = bt_stash(nd, c->val, c->vlen);
    }
    for (int i = 1; i < nd->n; i++)
        if (bt_keycmp(nd->c[i - 1].key, nd->c[i - 1].klen, nd->c[i].key, nd->c[i].klen) >= 0)
            return BTKV_ECORRUPT;
    return BTKV_OK;
}

void bt_node_encode(const bt_node *nd, unsigned char *page) {
    memset(page, 0, BTKV_PAGE_SIZE);
    page[0] = nd->type;
    bt_put16(page + 2, (uint16_t)nd->n);
    bt_put32(page + 8, nd->link);
    unsigned char *p = page + BT_NODE_HDR;
    for (int i = 0; i < nd->n; i++) {
        const bt_cell *c = &nd->c[i];
        bt_put16(p, c->klen);
        if (nd->type == BT_PT_LEAF) {
            bt_put16(p + 2, c->vlen);
            p += BT_LEAF_CELL_HDR;
        } else {
            bt_put32(p + 2, c->child);
            p += BT_INTERNAL_CELL_HDR;
        }
        memcpy(p, c->key, c->klen);
        p += c->klen;
        if (nd->type == BT_PT_LEAF && c->vlen) {
            memcpy(p, c->val, c->vlen);
            p += c->vlen;
        }
    }
    bt_put16(page + 12, (uint16_t)(p - (page + BT_NODE_HDR)));
}

int bt_node_lower_bound(const bt_node *nd, const void *key, size_t klen, int *found) {
    int lo = 0, hi = nd->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (bt_keycmp(nd->c[mid].key, nd->c[mid].klen, key, klen) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (found)
        *found = lo < nd->n && bt_keycmp(nd->c[lo].key, nd->c[lo].klen, key, klen) == 0;
    return lo;
}

/* SPEC.md 4.3: descend into the child of the last cell whose key is <= key. */
int bt_node_child_pos(const bt_node *nd, const void *key, size_t klen) {
    int found;
    int i = bt_node_lower_bound(nd, key, klen, &found);
    return found ? i + 1 : i;
}

uint32_t bt_node_child_at(const bt_node *nd, int pos) {
    return pos == 0 ? nd->link : nd->c[pos - 1].child;
}

int bt_node_insert(bt_node *nd, int idx, const bt_cell *c) {
    if (nd->n >= BT_NODE_MAX_CELLS) return BTKV_ENOMEM;
    bt_cell nc = *c;
    nc.key = bt_stash(nd, c->key, c->klen);
    nc.val = bt_stash(nd, c->val, c->vlen);
    if (!nc.key || !nc.val) return BTKV_ENOMEM;
    memmove(&nd->c[idx + 1], &nd->c[idx], (size_t)(nd->n - idx) * sizeof nd->c[0]);
    nd->c[idx] = nc;
    nd->n++;
    return BTKV_OK;
}

int bt_node_append(bt_node *nd, const bt_cell *c) {
    return bt_node_insert(nd, nd->n, c);
}

void bt_node_remove(bt_node *nd, int idx) {
    memmove(&nd->c[idx], &nd->c[idx + 1], (size_t)(nd->n - idx - 1) * sizeof nd->c[0]);
    nd->n--;
}

int bt_node_set_key(bt_node *nd, int idx, const void *key, size_t klen) {
    const unsigned char *k = bt_stash(nd, key, klen);
    if (!k) return BTKV_ENOMEM;
    nd->c[idx].key = k;
    nd->c[idx].klen = (uint16_t)klen;
    return BTKV_OK;
}
