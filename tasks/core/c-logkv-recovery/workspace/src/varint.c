#include "varint.h"

size_t varint_put(unsigned char *out, uint32_t v) {
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (unsigned char)v;
    return n;
}

size_t varint_len(uint32_t v) {
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

int varint_get(const unsigned char *p, size_t n, uint32_t *v) {
    uint64_t acc = 0;
    for (size_t i = 0; i < LKV_VARINT_MAX; i++) {
        if (i >= n) return 0;
        acc |= (uint64_t)(p[i] & 0x7F) << (7 * i);
        if (!(p[i] & 0x80)) {
            if (acc > UINT32_MAX) return -1;
            *v = (uint32_t)acc;
            return (int)(i + 1);
        }
    }
    return -1;
}
