#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "internal.h"
#include "record.h"

static int check_key(const void *key, size_t klen) {
    if (!key || klen == 0 || klen > LKV_MAX_KEY) return LKV_EINVAL;
    return LKV_OK;
}

int lkv_open(const char *path, lkv **out) {
    if (!out) return LKV_EINVAL;
    *out = NULL;
    if (!path || !*path) return LKV_EINVAL;
    lkv *db = calloc(1, sizeof *db);
    if (!db) return LKV_ENOMEM;
    db->fd = -1;
    db->path = strdup(path);
    db->idx = index_new();
    if (!db->path || !db->idx) {
        lkv_close(db);
        return LKV_ENOMEM;
    }
    db->fd = open(path, O_RDWR | O_CREAT, 0644);
    if (db->fd < 0) {
        lkv_close(db);
        return LKV_EIO;
    }
    int64_t size = fio_size(db->fd);
    if (size < 0) {
        lkv_close(db);
        return LKV_EIO;
    }
    if (size == 0) {
        if (fio_pwrite_full(db->fd, LKV_MAGIC, LKV_HEADER_LEN, 0) != 0 || fsync(db->fd) != 0) {
            lkv_close(db);
            return LKV_EIO;
        }
        db->end = LKV_HEADER_LEN;
        *out = db;
        return LKV_OK;
    }
    unsigned char hdr[LKV_HEADER_LEN];
    ssize_t got = size < (int64_t)LKV_HEADER_LEN ? 0 : fio_pread_full(db->fd, hdr, sizeof hdr, 0);
    if (got < 0) {
        lkv_close(db);
        return LKV_EIO;
    }
    if ((size_t)got < LKV_HEADER_LEN || memcmp(hdr, LKV_MAGIC, LKV_HEADER_LEN) != 0) {
        lkv_close(db);
        return LKV_ECORRUPT;
    }
    int rc = lkv_recover(db);
    if (rc != LKV_OK) {
        lkv_close(db);
        return rc;
    }
    *out = db;
    return LKV_OK;
}

void lkv_close(lkv *db) {
    if (!db) return;
    if (db->fd >= 0) close(db->fd);
    index_free(db->idx);
    bb_free(&db->scratch);
    free(db->path);
    free(db);
}

/* Appends the record in db->scratch. */
static int append_scratch(lkv *db, uint64_t *at) {
    *at = db->end;
    if (fio_pwrite_full(db->fd, db->scratch.data, db->scratch.len, db->end) != 0) {
        /* Leave no partial record behind. */
        if (ftruncate(db->fd, (off_t)db->end) != 0) { /* recovery will drop it */
        }
        return LKV_EIO;
    }
    db->end += db->scratch.len;
    return LKV_OK;
}

int lkv_put(lkv *db, const void *key, size_t klen, const void *val, size_t vlen) {
    if (!db) return LKV_EINVAL;
    int rc = check_key(key, klen);
    if (rc != LKV_OK) return rc;
    if (vlen > LKV_MAX_VALUE || (vlen > 0 && !val)) return LKV_EINVAL;
    bb_clear(&db->scratch);
    if (record_encode(&db->scratch, REC_PUT, key, (uint32_t)klen, val, (uint32_t)vlen) != 0)
        return LKV_ENOMEM;
    uint64_t at;
    rc = append_scratch(db, &at);
    if (rc != LKV_OK) return rc;
    lkv_loc loc = {at, (uint32_t)db->scratch.len,
                   (uint32_t)record_value_offset((uint32_t)klen, (uint32_t)vlen), (uint32_t)vlen};
    lkv_loc old;
    int had_old;
    if (index_put(db->idx, key, (uint32_t)klen, &loc, &old, &had_old) != 0) return LKV_ENOMEM;
    if (had_old) db->live_bytes -= old.len;
    db->live_bytes += loc.len;
    return LKV_OK;
}

int lkv_read_value(const lkv *db, const lkv_loc *loc, unsigned char **out) {
    unsigned char *buf = malloc(loc->vlen ? loc->vlen : 1);
    if (!buf) return LKV_ENOMEM;
    ssize_t got = fio_pread_full(db->fd, buf, loc->vlen, loc->off + loc->voff);
    if (got < 0 || (size_t)got != loc->vlen) {
        free(buf);
        return LKV_EIO;
    }
    *out = buf;
    return LKV_OK;
}

int lkv_get(lkv *db, const void *key, size_t klen, void **val, size_t *vlen) {
    if (!db || !val || !vlen) return LKV_EINVAL;
    *val = NULL;
    *vlen = 0;
    int rc = check_key(key, klen);
    if (rc != LKV_OK) return rc;
    lkv_loc loc;
    if (!index_get(db->idx, key, (uint32_t)klen, &loc)) return LKV_NOTFOUND;
    unsigned char *buf;
    rc = lkv_read_value(db, &loc, &buf);
    if (rc != LKV_OK) return rc;
    *val = buf;
    *vlen = loc.vlen;
    return LKV_OK;
}

int lkv_del(lkv *db, const void *key, size_t klen) {
    if (!db) return LKV_EINVAL;
    int rc = check_key(key, klen);
    if (rc != LKV_OK) return rc;
    lkv_loc loc;
    if (!index_get(db->idx, key, (uint32_t)klen, &loc)) return LKV_NOTFOUND;
    bb_clear(&db->scratch);
    if (record_encode(&db->scratch, REC_DEL, key, (uint32_t)klen, NULL, 0) != 0)
        return LKV_ENOMEM;
    uint64_t at;
    rc = append_scratch(db, &at);
    if (rc != LKV_OK) return rc;
    lkv_loc old;
    index_del(db->idx, key, (uint32_t)klen, &old);
    db->live_bytes -= old.len;
    return LKV_OK;
}

size_t lkv_count(const lkv *db) { return db ? index_count(db->idx) : 0; }

int lkv_stats(const lkv *db, lkv_stats_t *st) {
    if (!db || !st) return LKV_EINVAL;
    int64_t size = fio_size(db->fd);
    if (size < 0) return LKV_EIO;
    st->live_keys = index_count(db->idx);
    st->file_bytes = (uint64_t)size;
    st->live_bytes = db->live_bytes;
    st->truncated_bytes = db->truncated;
    return LKV_OK;
}

const char *lkv_strerror(int code) {
    switch (code) {
    case LKV_OK: return "ok";
    case LKV_NOTFOUND: return "not found";
    case LKV_EIO: return strerror(errno);
    case LKV_ECORRUPT: return "not a logkv store";
    case LKV_EINVAL: return "invalid argument";
    case LKV_ENOMEM: return "out of memory";
    default: return "unknown error";
    }
}
