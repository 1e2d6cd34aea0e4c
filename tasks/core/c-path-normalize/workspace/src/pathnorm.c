#include "pathnorm.h"

#include <stdlib.h>
#include <string.h>

/* TODO: implement path_normalize and path_resolve as described in pathnorm.h and the task. */

char *path_normalize(const char *path) {
    char *copy = malloc(strlen(path) + 1);
    if (copy) strcpy(copy, path);
    return copy;
}

char *path_resolve(const char *base, const char *rel) {
    (void)base;
    return path_normalize(rel);
}
