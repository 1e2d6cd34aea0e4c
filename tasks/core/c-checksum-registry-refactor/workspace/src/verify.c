#include "verify.h"

#include <ctype.h>
#include <string.h>

#include "checksum.h"

/* Digest width in hex digits for each algorithm name, or 0 if the name is unknown. */
static size_t width_for(const char *name, size_t n) {
    static const struct {
        const char *name;
        size_t digits;
    } widths[] = {
        {"crc32", 8}, {"adler32", 8}, {"fnv1a32", 8}, {"fletcher16", 4}, {"sum8", 2},
    };
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        if (strlen(widths[i].name) != n) continue;
        size_t k = 0;
        while (k < n && tolower((unsigned char)name[k]) == widths[i].name[k]) k++;
        if (k == n) return widths[i].digits;
    }
    return 0;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int ck_verify(const char *spec, const void *data, size_t len) {
    if (spec == NULL) return -2;
    const char *colon = strchr(spec, ':');
    if (colon == NULL) return -2;
    size_t name_len = (size_t)(colon - spec);
    size_t digits = width_for(spec, name_len);
    if (digits == 0) return -1;

    const char *hex = colon + 1;
    if (strlen(hex) != digits) return -2;
    uint32_t want = 0;
    for (size_t i = 0; i < digits; i++) {
        int v = hex_value(hex[i]);
        if (v < 0) return -2;
        want = (want << 4) | (uint32_t)v;
    }

    char name[16];
    memcpy(name, spec, name_len);
    name[name_len] = '\0';
    ck_state st;
    ck_init(&st, name);
    ck_update(&st, data, len);
    return ck_value(&st) == want ? 1 : 0;
}
