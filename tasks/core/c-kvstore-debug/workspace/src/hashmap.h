/* hashmap.h - string keys to int64 values; open addressing with linear probing and tombstones. */
#ifndef HASHMAP_H
#define HASHMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct hashmap hashmap;

hashmap *hm_new(size_t initial_capacity);
void hm_free(hashmap *m);
/* Sets key to value. The key pointer is stored, not copied: it must stay valid while in the map.
 * Returns 1 if the key was new, 0 if an existing value was replaced, -1 if out of memory. */
int hm_put(hashmap *m, const char *key, int64_t value);
/* 1 and *value set if key is present, else 0. */
int hm_get(const hashmap *m, const char *key, int64_t *value);
/* 1 if key was present and is now removed, else 0. */
int hm_remove(hashmap *m, const char *key);
size_t hm_size(const hashmap *m);
/* Stores up to max keys (in no particular order) in out; returns how many. */
size_t hm_keys(const hashmap *m, const char **out, size_t max);

#endif
