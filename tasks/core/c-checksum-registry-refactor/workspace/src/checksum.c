#include "checksum.h"

#include <ctype.h>
#include <string.h>

enum { ALGO_CRC32, ALGO_ADLER32, ALGO_FNV1A32, ALGO_FLETCHER16, ALGO_SUM8, ALGO_COUNT };

static const char *const algo_names[ALGO_COUNT] = {"crc32", "adler32", "fnv1a32", "fletcher16",
                                                   "sum8"};

static int same_name(const char *a, const char *b) {
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
    return *a == *b;
}

static int algo_from_name(const char *name) {
    if (name == NULL) return -1;
    for (int i = 0; i < ALGO_COUNT; i++)
        if (same_name(name, algo_names[i])) return i;
    return -1;
}

static int hex_digits(int algo) {
    switch (algo) {
    case ALGO_CRC32:
    case ALGO_ADLER32:
    case ALGO_FNV1A32:
        return 8;
    case ALGO_FLETCHER16:
        return 4;
    case ALGO_SUM8:
        return 2;
    }
    return 0;
}

int ck_init(ck_state *st, const char *algo) {
    int id = algo_from_name(algo);
    if (id < 0) return -1;
    st->algo = id;
    switch (id) {
    case ALGO_CRC32:
        st->a = 0xFFFFFFFFu;
        st->b = 0;
        break;
    case ALGO_ADLER32:
        st->a = 1;
        st->b = 0;
        break;
    case ALGO_FNV1A32:
        st->a = 2166136261u;
        st->b = 0;
        break;
    case ALGO_FLETCHER16:
    case ALGO_SUM8:
        st->a = 0;
        st->b = 0;
        break;
    }
    return 0;
}

void ck_update(ck_state *st, const void *data, size_t len) {
    const unsigned char *p = data;
    switch (st->algo) {
    case ALGO_CRC32:
        for (size_t i = 0; i < len; i++) {
            st->a ^= p[i];
            for (int k = 0; k < 8; k++) st->a = (st->a >> 1) ^ (0xEDB88320u & (0u - (st->a & 1u)));
        }
        break;
    case ALGO_ADLER32:
        for (size_t i = 0; i < len; i++) {
            st->a = (st->a + p[i]) % 65521u;
            st->b = (st->b + st->a) % 65521u;
        }
        break;
    case ALGO_FNV1A32:
        for (size_t i = 0; i < len; i++) {
            st->a ^= p[i];
            st->a *= 16777619u;
        }
        break;
    case ALGO_FLETCHER16:
        for (size_t i = 0; i < len; i++) {
            st->a = (st->a + p[i]) % 255u;
            st->b = (st->b + st->a) % 255u;
        }
        break;
    case ALGO_SUM8:
        for (size_t i = 0; i < len; i++) st->a = (st->a + p[i]) & 0xFFu;
        break;
    }
}

uint32_t ck_value(const ck_state *st) {
    switch (st->algo) {
    case ALGO_CRC32:
        return st->a ^ 0xFFFFFFFFu;
    case ALGO_ADLER32:
        return (st->b << 16) | st->a;
    case ALGO_FNV1A32:
        return st->a;
    case ALGO_FLETCHER16:
        return (st->b << 8) | st->a;
    case ALGO_SUM8:
        return st->a;
    }
    return 0;
}

static void write_hex(uint32_t v, int digits, char *out) {
    static const char hexchars[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; i--) {
        out[i] = hexchars[v & 0xFu];
        v >>= 4;
    }
    out[digits] = '\0';
}

int ck_hex(const ck_state *st, char *out, size_t size) {
    int digits = hex_digits(st->algo);
    if (out == NULL || size < (size_t)digits + 1) return -1;
    write_hex(ck_value(st), digits, out);
    return digits;
}

int ck_compute(const char *algo, const void *data, size_t len, char *out, size_t size) {
    ck_state st;
    if (ck_init(&st, algo) != 0) return -1;
    ck_update(&st, data, len);
    int n = ck_hex(&st, out, size);
    return n < 0 ? -2 : n;
}

size_t ck_list(const char **names, size_t max) {
    for (size_t i = 0; i < (size_t)ALGO_COUNT && i < max; i++) names[i] = algo_names[i];
    return ALGO_COUNT;
}
