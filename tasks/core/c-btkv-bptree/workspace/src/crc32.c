#include "crc32.h"

static uint32_t bt_crc_table[256];
static int bt_crc_ready;

static void bt_crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        bt_crc_table[i] = c;
    }
    bt_crc_ready = 1;
}

uint32_t bt_crc32_update(uint32_t crc, const unsigned char *p, size_t n) {
    if (!bt_crc_ready) bt_crc_init();
    uint32_t c = crc ^ 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = bt_crc_table[(c ^ p[i]) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

uint32_t bt_crc32(const unsigned char *p, size_t n) {
    return bt_crc32_update(0, p, n);
}
