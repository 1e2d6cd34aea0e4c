#ifndef LKV_CRC32_H
#define LKV_CRC32_H
#include <stddef.h>
#include <stdint.h>

/* CRC-32 (reflected 0xEDB88320). Start with crc = 0 and feed data in pieces:
 * crc = lkv_crc32_update(crc, p, n). The result of the last call is the CRC. */
uint32_t lkv_crc32_update(uint32_t crc, const void *data, size_t n);
uint32_t lkv_crc32(const void *data, size_t n);

#endif
