#include "hashmap.h"

#include <stdlib.h>
#include <string.h>

/* A slot is empty (key == NULL), a tombstone (key == TOMBSTONE) or live. */
static const char TOMBSTONE[1];

typedef struct {
    const char *key;
    int64_t value;
} slot;

struct hashmap {
    slot *slots;
    size_t cap;   /* a power of two */
    size_t live;  /* live slots */
    size_t used;  /* live slots + tombstones */
};

static size_t hash(const char *s) {
    size_t h = 5381;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

hashmap *hm_new(size_t initial_capacity) {
    hashmap *m = malloc(sizeof *m);
    if (!m) return NULL;
    size_t cap = 8;
    while (cap < initial_capacity) cap *= 2;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    m->cap = cap;
    m->live = m->used = 0;
    return m;
}

void hm_free(hashmap *m) {
    if (!m) return;
    free(m->slots);
    free(m);
}

/* The live slot holding key, or NULL. */
static slot *find(const hashmap *m, const char *key) {
    size_t mask = m->cap - 1;
    for (size_t i = hash(key) & mask, n = 0; n < m->cap; i = (i + 1) & mask, n++) {
        slot *s = &m->slots[i];
        if (s->key == NULL) return NULL;
        if (s->key != TOMBSTONE && strcmp(s->key, key) == 0) return s;
    }
    return NULL;
}

static int grow(hashmap *m, size_t new_cap) {
    slot *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = calloc(new_cap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return -1;
    }
    m->cap = new_cap;
    m->live = m->used = 0;
    for (size_t i = 0; i + 1 < old_cap; i++) {
        if (old[i].key == NULL || old[i].key == TOMBSTONE) continue;
        size_t mask = new_cap - 1, j = hash(old[i].key) & mask;
        while (m->slots[j].key != NULL) j = (j + 1) & mask;
        m->slots[j] = old[i];
        m->live++;
        m->used++;
    }
    free(old);
    return 0;
}

int hm_put(hashmap *m, const char *key, int64_t value) {
    slot *s = find(m, key);
    if (s) {
        s->value = value;
        return 0;
    }
    if ((m->used + 1) * 4 > m->cap * 3) {
        /* grow if mostly live, otherwise just clear out the tombstones */
        if (grow(m, m->live * 2 >= m->cap ? m->cap * 2 : m->cap) != 0) return -1;
    }
    size_t mask = m->cap - 1, i = hash(key) & mask;
    while (m->slots[i].key != NULL && m->slots[i].key != TOMBSTONE) i = (i + 1) & mask;
    if (m->slots[i].key == NULL) m->used++;
    m->slots[i].key = key;
    m->slots[i].value = value;
    m->live++;
    return 1;
}

int hm_get(const hashmap *m, const char *key, int64_t *value) {
    const slot *s = find(m, key);
    if (!s) return 0;
    *value = s->value;
    return 1;
}

int hm_remove(hashmap *m, const char *key) {
    slot *s = find(m, key);
    if (!s) return 0;
    s->key = NULL;
    m->live--;
    return 1;
}

size_t hm_size(const hashmap *m) { return m->live; }

size_t hm_keys(const hashmap *m, const char **out, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < m->cap && n < max; i++)
        if (m->slots[i].key != NULL && m->slots[i].key != TOMBSTONE) out[n++] = m->slots[i].key;
    return n;
}
