/* Compaction (SPEC.md section 6): write <path>.compact with one PUT per live key in key order,
 * flush it, rename it over the store, and switch the handle to it. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "internal.h"
#include "record.h"

int lkv_compact(lkv *db) {
    if (!db) return LKV_EINVAL;
    size_t n = 0;
    lkv_entry *ents = lkv_sorted_entries(db, &n);
    if (!ents && n > 0) return LKV_ENOMEM;
    size_t plen = strlen(db->path);
    char *tmp = malloc(plen + sizeof ".compact");
    if (!tmp) {
        free(ents);
        return LKV_ENOMEM;
    }
    memcpy(tmp, db->path, plen);
    memcpy(tmp + plen, ".compact", sizeof ".compact");
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        free(ents);
        free(tmp);
        return LKV_EIO;
    }
    lkv_loc *locs = malloc((n ? n : 1) * sizeof *locs);
    bytebuf out = {0};
    int rc = locs ? LKV_OK : LKV_ENOMEM;
    if (rc == LKV_OK && bb_append(&out, LKV_MAGIC, LKV_HEADER_LEN) != 0) rc = LKV_ENOMEM;
    uint64_t written = 0;
    for (size_t i = 0; rc == LKV_OK && i < n; i++) {
        unsigned char *val;
        rc = lkv_read_value(db, &ents[i].loc, &val);
        if (rc != LKV_OK) break;
        size_t before = out.len;
        if (record_encode(&out, REC_PUT, ents[i].key, ents[i].klen, val, ents[i].loc.vlen) != 0)
            rc = LKV_ENOMEM;
        free(val);
        if (rc != LKV_OK) break;
        locs[i].off = before;
        locs[i].len = (uint32_t)(out.len - before);
        locs[i].voff = ents[i].loc.voff;
        locs[i].vlen = ents[i].loc.vlen;
    }
    if (rc == LKV_OK && fio_pwrite_full(fd, out.data, out.len, written) != 0) rc = LKV_EIO;
    written += out.len;
    if (rc == LKV_OK && fsync(fd) != 0) rc = LKV_EIO;
    if (rc == LKV_OK && rename(tmp, db->path) != 0) rc = LKV_EIO;
    if (rc != LKV_OK) {
        close(fd);
        unlink(tmp);
    } else {
        fio_sync_parent(db->path);
        close(db->fd);
        db->fd = fd;
        db->end = written;
        uint64_t live = 0;
        for (size_t i = 0; i < n; i++) {
            lkv_loc old;
            int had_old;
            index_put(db->idx, ents[i].key, ents[i].klen, &locs[i], &old, &had_old);
            live += locs[i].len;
        }
        db->live_bytes = live;
    }
    bb_free(&out);
    free(locs);
    free(ents);
    free(tmp);
    return rc;
}
