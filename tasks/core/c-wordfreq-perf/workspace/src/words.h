/* words.h - splitting text into words. */
#ifndef WORDS_H
#define WORDS_H

#include <stddef.h>

/* Calls fn(ctx, start, len) for each maximal run of ASCII letters and digits in text[0..len). */
void for_each_word(const char *text, size_t len, void (*fn)(void *ctx, const char *word, size_t len),
                   void *ctx);

/* A malloc'ed NUL-terminated copy of s[0..len) with ASCII letters in lower case (NULL if out of memory). */
char *lower_dup(const char *s, size_t len);

#endif
