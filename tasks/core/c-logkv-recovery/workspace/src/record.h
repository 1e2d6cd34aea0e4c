#ifndef LKV_RECORD_H
#define LKV_RECORD_H
#include <stddef.h>
#include <stdint.h>

#include "bytebuf.h"

#define REC_PUT 0x01
#define REC_DEL 0x02

/* The smallest possible record: crc, type, a 1-byte klen, a 1-byte key (a DEL). */
#define REC_MIN_LEN 7u
/* The largest record header: crc, type, two 5-byte varints. */
#define REC_MAX_HDR (4u + 1u + 2u * 5u)

/* A decoded record. key and val point into the decoded buffer. */
typedef struct {
    int type;
    uint32_t klen;
    uint32_t vlen;   /* 0 for DEL */
    size_t hdr_len;  /* crc + type + varints: the key starts at this offset */
    size_t total;    /* the whole record's length */
    const unsigned char *key;
    const unsigned char *val;
} record_view;

/* record_decode results */
#define REC_OK 1
#define REC_SHORT 0  /* p[0..avail) ends before the record does */
#define REC_BAD (-1) /* invalid type, varint, length, or CRC */

/* Appends one encoded record to out. For REC_DEL, val/vlen are ignored. 0 on success, -1 when out
 * of memory. */
int record_encode(bytebuf *out, int type, const void *key, uint32_t klen, const void *val,
                  uint32_t vlen);

/* The encoded length of a record. */
size_t record_len(int type, uint32_t klen, uint32_t vlen);

/* The offset of the value inside an encoded PUT record. */
size_t record_value_offset(uint32_t klen, uint32_t vlen);

/* Decodes the record at p, with avail bytes available. */
int record_decode(const unsigned char *p, size_t avail, record_view *rv);

#endif
