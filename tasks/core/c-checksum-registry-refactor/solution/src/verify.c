#include "verify.h"

#include <string.h>

#include "checksum.h"

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
    if (name_len > CK_NAME_MAX) return -1; /* no registered name is that long */
    char name[CK_NAME_MAX + 1];
    memcpy(name, spec, name_len);
    name[name_len] = '\0';
    const ck_algo *algo = ck_find(name);
    if (algo == NULL) return -1;

    const char *hex = colon + 1;
    size_t digits = algo->bits / 4;
    if (strlen(hex) != digits) return -2;
    uint32_t want = 0;
    for (size_t i = 0; i < digits; i++) {
        int v = hex_value(hex[i]);
        if (v < 0) return -2;
        want = (want << 4) | (uint32_t)v;
    }

    ck_state st;
    ck_init_with(&st, algo);
    ck_update(&st, data, len);
    return ck_value(&st) == want ? 1 : 0;
}
