#include "env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void env_init(env *e) {
    e->items = NULL;
    e->count = 0;
    e->cap = 0;
}

void env_free(env *e) {
    for (size_t i = 0; i < e->count; i++) free(e->items[i].name);
    free(e->items);
    env_init(e);
}

int64_t *env_find(const env *e, const char *name, size_t len) {
    for (size_t i = 0; i < e->count; i++) {
        env_entry *it = &e->items[i];
        if (it->len == len && memcmp(it->name, name, len) == 0) return &it->value;
    }
    return NULL;
}

int64_t *env_slot(env *e, const char *name, size_t len) {
    int64_t *v = env_find(e, name, len);
    if (v) return v;
    if (e->count == e->cap) {
        size_t ncap = e->cap ? e->cap * 2 : 4;
        env_entry *items = realloc(e->items, ncap * sizeof *items);
        if (!items) {
            fputs("out of memory\n", stderr);
            abort();
        }
        e->items = items;
        e->cap = ncap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        fputs("out of memory\n", stderr);
        abort();
    }
    memcpy(copy, name, len);
    copy[len] = '\0';
    env_entry *it = &e->items[e->count++];
    it->name = copy;
    it->len = len;
    it->value = 0;
    return &it->value;
}
