/* pathnorm.h - lexical normalisation of POSIX paths (no file-system access). */
#ifndef PATHNORM_H
#define PATHNORM_H

/* Returns a malloc'ed normalised copy of path (free() it), or NULL if memory runs out.
 * See instruction.md for the exact rules. */
char *path_normalize(const char *path);

/* Resolves rel against base: an absolute rel is just normalised; otherwise the result is the
 * normalisation of base + "/" + rel. An empty base counts as ".". Malloc'ed; NULL if out of memory. */
char *path_resolve(const char *base, const char *rel);

#endif
