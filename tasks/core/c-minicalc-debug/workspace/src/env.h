/* env.h - the variables of a calc session: names (byte strings, not NUL-terminated) -> int64. */
#ifndef ENV_H
#define ENV_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *name;
    size_t len;
    int64_t value;
} env_entry;

typedef struct {
    env_entry *items;
    size_t count;
    size_t cap;
} env;

void env_init(env *e);
void env_free(env *e);

/* Returns a pointer to the value of the variable, or NULL if it is not defined. The pointer is
 * valid until the next call that adds a variable. */
int64_t *env_find(const env *e, const char *name, size_t len);

/* Returns a pointer to the value of the variable, defining it with value 0 if it is new. The
 * pointer is valid until the next call that adds a variable. */
int64_t *env_slot(env *e, const char *name, size_t len);

#endif
