#include "paths.h"

#include <string.h>

#include "strbuf.h"

char *path_join(const char *const *parts, size_t n) {
    strbuf sb = STRBUF_INIT;
    int wrote = 0, trailing = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = parts[i];
        size_t len = strlen(p);
        if (len == 0) continue;
        size_t start = 0, end = len;
        while (start < len && p[start] == '/') start++;
        while (end > start && p[end] == '/') end--;
        if (!wrote && start > 0) sb_append_char(&sb, '/');
        trailing = p[len - 1] == '/';
        if (end > start) {
            if (wrote && sb.len > 0 && sb.buf[sb.len - 1] != '/') sb_append_char(&sb, '/');
            sb_append_n(&sb, p + start, end - start);
        }
        wrote = 1;
    }
    if (wrote && trailing && (sb.len == 0 || sb.buf[sb.len - 1] != '/')) sb_append_char(&sb, '/');
    return sb_detach(&sb);
}

char *format_list(const long *values, size_t n) {
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) sb_appendf(&sb, i ? ", %ld" : "%ld", values[i]);
    return sb_detach(&sb);
}

char *path_with_ext(const char *path, const char *ext) {
    strbuf sb = STRBUF_INIT;
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    sb_append(&sb, path);
    if (dot && dot != name) sb_truncate(&sb, (size_t)(dot - path));
    sb_append(&sb, ext);
    return sb_detach(&sb);
}
