/* arena.h - a bump allocator for strings that live as long as the arena. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
    arena_block *head; /* the block being filled */
    size_t block_size; /* usable bytes of a normal block */
} arena;

void arena_init(arena *a, size_t block_size);
void arena_free(arena *a);
/* A copy of s[0..len) plus a terminating NUL, owned by the arena; NULL if out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);

#endif
