/* Little-endian integer helpers for the on-disk format. */
#ifndef BT_CODEC_H
#define BT_CODEC_H

#include <stdint.h>

static inline uint16_t bt_get16(const unsigned char *p) {
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t bt_get32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t bt_get64(const unsigned char *p) {
    return (uint64_t)bt_get32(p) | ((uint64_t)bt_get32(p + 4) << 32);
}
static inline void bt_put16(unsigned char *p, uint16_t v) {
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)(v >> 8);
}
static inline void bt_put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)((v >> 8) & 0xFF);
    p[2] = (unsigned char)((v >> 16) & 0xFF);
    p[3] = (unsigned char)(v >> 24);
}
static inline void bt_put64(unsigned char *p, uint64_t v) {
    bt_put32(p, (uint32_t)(v & 0xFFFFFFFFu));
    bt_put32(p + 4, (uint32_t)(v >> 32));
}

#endif
