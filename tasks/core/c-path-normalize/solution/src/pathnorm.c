#include "pathnorm.h"

#include <stdlib.h>
#include <string.h>

char *path_normalize(const char *path) {
    size_t n = strlen(path);
    int absolute = n > 0 && path[0] == '/';
    /* the result is never longer than the input, except "." / "/" for short inputs */
    char *out = malloc(n + 2);
    if (!out) return NULL;
    size_t o = 0;
    if (absolute) out[o++] = '/';
    size_t base = o;    /* components start here */
    size_t fixed = 0;   /* leading ".." components of a relative path: cannot be removed */
    size_t ncomp = 0;   /* components written */
    size_t i = 0;
    while (i < n) {
        while (i < n && path[i] == '/') i++;
        size_t start = i;
        while (i < n && path[i] != '/') i++;
        size_t len = i - start;
        if (len == 0 || (len == 1 && path[start] == '.')) continue;
        if (len == 2 && path[start] == '.' && path[start + 1] == '.') {
            if (ncomp > fixed) { /* drop the last component */
                while (o > base && out[o - 1] != '/') o--;
                if (o > base) o--; /* its separating slash */
                ncomp--;
                continue;
            }
            if (absolute) continue;
            fixed++;
        }
        if (ncomp > 0) out[o++] = '/';
        memcpy(out + o, path + start, len);
        o += len;
        ncomp++;
    }
    if (o == 0) out[o++] = '.';
    out[o] = '\0';
    return out;
}

char *path_resolve(const char *base, const char *rel) {
    if (rel[0] == '/') return path_normalize(rel);
    if (base[0] == '\0') base = ".";
    size_t nb = strlen(base), nr = strlen(rel);
    char *joined = malloc(nb + nr + 2);
    if (!joined) return NULL;
    memcpy(joined, base, nb);
    joined[nb] = '/';
    memcpy(joined + nb + 1, rel, nr + 1);
    char *out = path_normalize(joined);
    free(joined);
    return out;
}
