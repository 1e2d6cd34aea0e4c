/* strbuf.h - a growable, always NUL-terminated string buffer.
 *
 * Invariant once anything was appended: buf != NULL, buf[len] == '\0' and cap >= len + 1.
 * A zeroed strbuf (STRBUF_INIT) is empty and valid.
 */
#ifndef STRBUF_H
#define STRBUF_H

#include <stddef.h>

typedef struct {
    char *buf;
    size_t len; /* bytes in use, not counting the terminating NUL */
    size_t cap; /* bytes allocated for buf */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_init(strbuf *sb);
/* Each returns 0 on success, -1 if memory runs out (the buffer is then unchanged). */
int sb_append(strbuf *sb, const char *s);
int sb_append_n(strbuf *sb, const char *s, size_t n); /* n bytes of s; s need not be NUL-terminated */
int sb_append_char(strbuf *sb, char c);
int sb_appendf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Drops trailing bytes so that len == new_len (no effect if new_len >= len). */
void sb_truncate(strbuf *sb, size_t new_len);
/* The contents; "" for an empty buffer (never NULL). */
const char *sb_str(const strbuf *sb);
/* Hands the malloc'ed contents to the caller ("" when empty, never NULL unless memory runs out)
 * and leaves sb empty. */
char *sb_detach(strbuf *sb);
void sb_free(strbuf *sb);

#endif
