/* The in-memory index: open addressing with linear probing. Deleted slots become tombstones,
 * which lookups skip and inserts reuse; the table is rebuilt (tombstones dropped) when live
 * entries plus tombstones pass 70% of the slots. */
#include "index.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

enum { SLOT_EMPTY = 0, SLOT_FULL = 1, SLOT_DEAD = 2 };

typedef struct {
    unsigned char *key;
    uint32_t klen;
    uint32_t hash;
    int state;
    lkv_loc loc;
} slot;

struct lkv_index {
    slot *slots;
    size_t cap;   /* a power of two */
    size_t count; /* SLOT_FULL */
    size_t dead;  /* SLOT_DEAD */
};

lkv_index *index_new(void) {
    lkv_index *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->cap = 16;
    ix->slots = calloc(ix->cap, sizeof(slot));
    if (!ix->slots) {
        free(ix);
        return NULL;
    }
    return ix;
}

void index_free(lkv_index *ix) {
    if (!ix) return;
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i].state == SLOT_FULL) free(ix->slots[i].key);
    free(ix->slots);
    free(ix);
}

static int key_eq(const slot *s, const unsigned char *k, uint32_t klen, uint32_t h) {
    return s->hash == h && s->klen == klen && memcmp(s->key, k, klen) == 0;
}

/* The slot holding the key, or (size_t)-1. */
static size_t find(const lkv_index *ix, const unsigned char *k, uint32_t klen, uint32_t h) {
    size_t mask = ix->cap - 1;
    for (size_t i = h & mask, n = 0; n < ix->cap; i = (i + 1) & mask, n++) {
        const slot *s = &ix->slots[i];
        if (s->state == SLOT_EMPTY) return (size_t)-1;
        if (s->state == SLOT_FULL && key_eq(s, k, klen, h)) return i;
    }
    return (size_t)-1;
}

static int rebuild(lkv_index *ix, size_t cap) {
    slot *ns = calloc(cap, sizeof(slot));
    if (!ns) return -1;
    size_t mask = cap - 1;
    for (size_t i = 0; i < ix->cap; i++) {
        slot *s = &ix->slots[i];
        if (s->state != SLOT_FULL) continue;
        size_t j = s->hash & mask;
        while (ns[j].state != SLOT_EMPTY) j = (j + 1) & mask;
        ns[j] = *s;
    }
    free(ix->slots);
    ix->slots = ns;
    ix->cap = cap;
    ix->dead = 0;
    return 0;
}

int index_put(lkv_index *ix, const void *key, uint32_t klen, const lkv_loc *loc, lkv_loc *old,
              int *had_old) {
    const unsigned char *k = key;
    uint32_t h = lkv_hash(k, klen);
    size_t at = find(ix, k, klen, h);
    if (at != (size_t)-1) {
        *had_old = 1;
        *old = ix->slots[at].loc;
        ix->slots[at].loc = *loc;
        return 0;
    }
    *had_old = 0;
    if ((ix->count + ix->dead + 1) * 10 > ix->cap * 7) {
        size_t cap = ix->cap;
        while ((ix->count + 1) * 10 > cap * 5) cap *= 2;
        if (rebuild(ix, cap) != 0) return -1;
    }
    unsigned char *copy = malloc(klen);
    if (!copy) return -1;
    memcpy(copy, k, klen);
    size_t mask = ix->cap - 1;
    size_t i = h & mask;
    while (ix->slots[i].state == SLOT_FULL) i = (i + 1) & mask;
    slot *s = &ix->slots[i];
    if (s->state == SLOT_DEAD) ix->dead--;
    s->key = copy;
    s->klen = klen;
    s->hash = h;
    s->state = SLOT_FULL;
    s->loc = *loc;
    ix->count++;
    return 0;
}

int index_get(const lkv_index *ix, const void *key, uint32_t klen, lkv_loc *loc) {
    uint32_t h = lkv_hash(key, klen);
    size_t at = find(ix, key, klen, h);
    if (at == (size_t)-1) return 0;
    *loc = ix->slots[at].loc;
    return 1;
}

int index_del(lkv_index *ix, const void *key, uint32_t klen, lkv_loc *old) {
    uint32_t h = lkv_hash(key, klen);
    size_t at = find(ix, key, klen, h);
    if (at == (size_t)-1) return 0;
    slot *s = &ix->slots[at];
    *old = s->loc;
    free(s->key);
    s->key = NULL;
    s->state = SLOT_DEAD;
    ix->count--;
    ix->dead++;
    return 1;
}

size_t index_count(const lkv_index *ix) { return ix->count; }

size_t index_next(const lkv_index *ix, size_t pos, const unsigned char **key, uint32_t *klen,
                  lkv_loc *loc) {
    for (size_t i = pos; i < ix->cap; i++) {
        const slot *s = &ix->slots[i];
        if (s->state != SLOT_FULL) continue;
        *key = s->key;
        *klen = s->klen;
        *loc = s->loc;
        return i + 1;
    }
    return (size_t)-1;
}
