#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(strbuf *sb) {
    sb->buf = NULL;
    sb->len = 0;
    sb->cap = 0;
}

/* Makes room for `extra` more bytes of content. */
static int sb_grow(strbuf *sb, size_t extra) {
    size_t need = sb->len + extra;
    if (need <= sb->cap) return 0;
    size_t cap = sb->cap ? sb->cap : 16;
    while (cap < need) cap *= 2;
    char *p = realloc(sb->buf, cap);
    if (!p) return -1;
    sb->buf = p;
    sb->cap = cap;
    return 0;
}

int sb_append_n(strbuf *sb, const char *s, size_t n) {
    if (sb_grow(sb, n) != 0) return -1;
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
    return 0;
}

int sb_append(strbuf *sb, const char *s) { return sb_append_n(sb, s, strlen(s)); }

int sb_append_char(strbuf *sb, char c) { return sb_append_n(sb, &c, 1); }

int sb_appendf(strbuf *sb, const char *fmt, ...) {
    va_list ap;
    size_t room = sb->cap > sb->len ? sb->cap - sb->len : 0;
    va_start(ap, fmt);
    int n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    if ((size_t)n >= room) {
        if (sb_grow(sb, (size_t)n) != 0) return -1;
        va_start(ap, fmt);
        vsnprintf(sb->buf + sb->len, (size_t)n, fmt, ap);
        va_end(ap);
    }
    sb->len += (size_t)n;
    return 0;
}

void sb_truncate(strbuf *sb, size_t new_len) {
    if (new_len < sb->len) {
        sb->len = new_len;
        sb->buf[new_len] = '\0';
    }
}

const char *sb_str(const strbuf *sb) { return sb->buf ? sb->buf : ""; }

char *sb_detach(strbuf *sb) {
    char *s = sb->buf;
    sb_init(sb);
    return s;
}

void sb_free(strbuf *sb) {
    free(sb->buf);
    sb_init(sb);
}
