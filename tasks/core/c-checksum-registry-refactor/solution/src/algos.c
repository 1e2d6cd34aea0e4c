/* The built-in algorithms, one descriptor each. */
#include "ckalgo.h"

static void crc32_init(uint32_t st[2]) { st[0] = 0xFFFFFFFFu; }
static void crc32_update(uint32_t st[2], const unsigned char *p, size_t len) {
    uint32_t c = st[0];
    for (size_t i = 0; i < len; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    st[0] = c;
}
static uint32_t crc32_final(const uint32_t st[2]) { return st[0] ^ 0xFFFFFFFFu; }

static void adler32_init(uint32_t st[2]) {
    st[0] = 1;
    st[1] = 0;
}
static void adler32_update(uint32_t st[2], const unsigned char *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        st[0] = (st[0] + p[i]) % 65521u;
        st[1] = (st[1] + st[0]) % 65521u;
    }
}
static uint32_t adler32_final(const uint32_t st[2]) { return (st[1] << 16) | st[0]; }

static void fnv1a32_init(uint32_t st[2]) { st[0] = 2166136261u; }
static void fnv1a32_update(uint32_t st[2], const unsigned char *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        st[0] ^= p[i];
        st[0] *= 16777619u;
    }
}
static uint32_t fnv1a32_final(const uint32_t st[2]) { return st[0]; }

static void zero_init(uint32_t st[2]) {
    st[0] = 0;
    st[1] = 0;
}
static void fletcher16_update(uint32_t st[2], const unsigned char *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        st[0] = (st[0] + p[i]) % 255u;
        st[1] = (st[1] + st[0]) % 255u;
    }
}
static uint32_t fletcher16_final(const uint32_t st[2]) { return (st[1] << 8) | st[0]; }

static void sum8_update(uint32_t st[2], const unsigned char *p, size_t len) {
    for (size_t i = 0; i < len; i++) st[0] = (st[0] + p[i]) & 0xFFu;
}
static uint32_t sum8_final(const uint32_t st[2]) { return st[0]; }

const ck_algo ck_crc32 = {"crc32", 32, crc32_init, crc32_update, crc32_final};
const ck_algo ck_adler32 = {"adler32", 32, adler32_init, adler32_update, adler32_final};
const ck_algo ck_fnv1a32 = {"fnv1a32", 32, fnv1a32_init, fnv1a32_update, fnv1a32_final};
const ck_algo ck_fletcher16 = {"fletcher16", 16, zero_init, fletcher16_update, fletcher16_final};
const ck_algo ck_sum8 = {"sum8", 8, zero_init, sum8_update, sum8_final};
