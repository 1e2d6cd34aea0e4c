#ifndef BT_CRC32_H
#define BT_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320, init and final xor 0xFFFFFFFF). */
uint32_t bt_crc32(const unsigned char *p, size_t n);
uint32_t bt_crc32_update(uint32_t crc, const unsigned char *p, size_t n);

#endif
