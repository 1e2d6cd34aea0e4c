/* mre: a small POSIX extended regular expression engine (the syntax and semantics: REGEX.md). */
#ifndef MRE_H
#define MRE_H
#include <stddef.h>

#define MRE_OK 0
#define MRE_ESYNTAX (-1) /* the pattern is not valid (REGEX.md section 4) */
#define MRE_ENOMEM (-2)

typedef struct mre mre;

/* Compiles pattern (a NUL-terminated string). On success *out is the compiled expression. */
int mre_compile(const char *pattern, mre **out);

/* Finds the match that REGEX.md section 3 selects in text[0..len) (text may hold NUL bytes).
 * Returns 1 and sets *so / *eo (start offset, end offset: the match is text[*so..*eo)) when
 * there is one, 0 when there is none. */
int mre_search(const mre *re, const char *text, size_t len, size_t *so, size_t *eo);

void mre_free(mre *re);

#endif
