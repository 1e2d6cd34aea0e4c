/* Replay of the log at open (SPEC.md section 5). The file is read into memory in one piece:
 * stores are expected to fit comfortably in RAM, since the index does anyway. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <unistd.h>

#include "fileio.h"
#include "internal.h"
#include "record.h"

static int apply(lkv *db, const record_view *rv, uint64_t off) {
    lkv_loc old;
    if (rv->type == REC_DEL) {
        if (index_del(db->idx, rv->key, rv->klen, &old)) db->live_bytes -= old.len;
        return LKV_OK;
    }
    lkv_loc loc = {off, (uint32_t)rv->total, (uint32_t)rv->hdr_len + rv->klen, rv->vlen};
    int had_old;
    if (index_put(db->idx, rv->key, rv->klen, &loc, &old, &had_old) != 0) return LKV_ENOMEM;
    if (had_old) db->live_bytes -= old.len;
    db->live_bytes += loc.len;
    return LKV_OK;
}

int lkv_recover(lkv *db) {
    int64_t size = fio_size(db->fd);
    if (size < 0) return LKV_EIO;
    size_t n = (size_t)size;
    unsigned char *buf = malloc(n ? n : 1);
    if (!buf) return LKV_ENOMEM;
    ssize_t got = fio_pread_full(db->fd, buf, n, 0);
    if (got < 0 || (size_t)got != n) {
        free(buf);
        return LKV_EIO;
    }
    size_t off = LKV_HEADER_LEN;
    int rc = LKV_OK;
    while (off < n) {
        record_view rv;
        int r = record_decode(buf + off, n - off, &rv);
        if (r == REC_SHORT) {
            rc = LKV_ECORRUPT;
            break;
        }
        if (r == REC_BAD) {
            if (ftruncate(db->fd, (off_t)off) != 0) {
                rc = LKV_EIO;
                break;
            }
            db->truncated = n - off;
            break;
        }
        rc = apply(db, &rv, off);
        if (rc != LKV_OK) break;
        off += rv.total;
    }
    free(buf);
    db->end = n;
    return rc;
}
