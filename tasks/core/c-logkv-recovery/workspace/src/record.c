#include "record.h"

#include <string.h>

#include "crc32.h"
#include "logkv.h"
#include "varint.h"

static void put_u32le(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_u32le(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The checksum of an encoded record: header fields and key. */
static uint32_t record_checksum(const unsigned char *rec, size_t hdr_len, uint32_t klen,
                                uint32_t vlen) {
    (void)vlen;
    return lkv_crc32(rec + 4, hdr_len - 4 + klen);
}

size_t record_len(int type, uint32_t klen, uint32_t vlen) {
    size_t n = 4 + 1 + varint_len(klen) + klen;
    if (type == REC_PUT) n += varint_len(vlen) + vlen;
    return n;
}

size_t record_value_offset(uint32_t klen, uint32_t vlen) {
    return 4 + 1 + varint_len(klen) + varint_len(vlen) + klen;
}

int record_encode(bytebuf *out, int type, const void *key, uint32_t klen, const void *val,
                  uint32_t vlen) {
    size_t total = record_len(type, klen, vlen);
    if (bb_reserve(out, total) != 0) return -1;
    unsigned char *rec = out->data + out->len;
    size_t o = 4;
    rec[o++] = (unsigned char)type;
    o += varint_put(rec + o, klen);
    if (type == REC_PUT) o += varint_put(rec + o, vlen);
    size_t hdr_len = o;
    memcpy(rec + o, key, klen);
    o += klen;
    if (type == REC_PUT && vlen > 0) {
        memcpy(rec + o, val, vlen);
        o += vlen;
    }
    put_u32le(rec, record_checksum(rec, hdr_len, klen, type == REC_PUT ? vlen : 0));
    out->len += o;
    return 0;
}

int record_decode(const unsigned char *p, size_t avail, record_view *rv) {
    if (avail < 5) return REC_SHORT;
    int type = p[4];
    if (type != REC_PUT && type != REC_DEL) return REC_BAD;
    size_t o = 5;
    uint32_t klen = 0, vlen = 0;
    int n = varint_get(p + o, avail - o, &klen);
    if (n == 0) return REC_SHORT;
    if (n < 0) return REC_BAD;
    o += (size_t)n;
    if (klen == 0 || klen > LKV_MAX_KEY) return REC_BAD;
    if (type == REC_PUT) {
        n = varint_get(p + o, avail - o, &vlen);
        if (n == 0) return REC_SHORT;
        if (n < 0) return REC_BAD;
        o += (size_t)n;
        if (vlen > LKV_MAX_VALUE) return REC_BAD;
    }
    size_t hdr_len = o;
    size_t total = hdr_len + klen + vlen;
    if (avail < total) return REC_SHORT;
    if (get_u32le(p) != record_checksum(p, hdr_len, klen, vlen)) return REC_BAD;
    rv->type = type;
    rv->klen = klen;
    rv->vlen = vlen;
    rv->hdr_len = hdr_len;
    rv->total = total;
    rv->key = p + hdr_len;
    rv->val = p + hdr_len + klen;
    return REC_OK;
}
