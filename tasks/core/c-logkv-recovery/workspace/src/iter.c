#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int cmp_entry(const void *a, const void *b) {
    const lkv_entry *x = a, *y = b;
    uint32_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->key, y->key, n);
    if (c != 0) return c;
    return (x->klen > y->klen) - (x->klen < y->klen);
}

lkv_entry *lkv_sorted_entries(const lkv *db, size_t *n) {
    size_t count = index_count(db->idx);
    *n = count;
    if (count == 0) return NULL;
    lkv_entry *ents = malloc(count * sizeof *ents);
    if (!ents) return NULL;
    size_t i = 0, pos = 0;
    while (i < count) {
        pos = index_next(db->idx, pos, &ents[i].key, &ents[i].klen, &ents[i].loc);
        if (pos == (size_t)-1) break;
        i++;
    }
    *n = i;
    qsort(ents, i, sizeof *ents, cmp_entry);
    return ents;
}

int lkv_foreach(lkv *db, lkv_foreach_fn fn, void *ctx) {
    if (!db || !fn) return LKV_EINVAL;
    size_t n;
    lkv_entry *ents = lkv_sorted_entries(db, &n);
    if (!ents && n > 0) return LKV_ENOMEM;
    int rc = LKV_OK;
    for (size_t i = 0; i < n; i++) {
        unsigned char *val;
        rc = lkv_read_value(db, &ents[i].loc, &val);
        if (rc != LKV_OK) break;
        rc = fn(ctx, ents[i].key, ents[i].klen, val, ents[i].loc.vlen);
        free(val);
        if (rc != 0) break;
    }
    free(ents);
    return rc;
}
