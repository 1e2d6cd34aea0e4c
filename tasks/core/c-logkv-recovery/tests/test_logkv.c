/* Hidden tests for logkv: byte-exact file format (SPEC.md), recovery, compaction, a randomized
 * model check, and a scaling bound measured against the same run's smaller input. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "/opt/harness/include/tinytest.h"
#include "logkv.h"

/* ---- an independent encoder (SPEC.md) --------------------------------------------------- */

static uint32_t t_crc(const unsigned char *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

typedef struct {
    unsigned char *d;
    size_t n, cap;
} tbuf;

static void tb_put(tbuf *b, const void *p, size_t n) {
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n) cap *= 2;
        b->d = realloc(b->d, cap);
        CHECK(b->d != NULL);
        b->cap = cap;
    }
    if (n) memcpy(b->d + b->n, p, n);
    b->n += n;
}

static void tb_varint(tbuf *b, uint32_t v) {
    unsigned char c;
    while (v >= 0x80) {
        c = (unsigned char)(v | 0x80);
        tb_put(b, &c, 1);
        v >>= 7;
    }
    c = (unsigned char)v;
    tb_put(b, &c, 1);
}

static const unsigned char MAGIC[8] = {0x4c, 0x4f, 0x47, 0x4b, 0x56, 0x00, 0x00, 0x01};

/* Appends a record; returns its length. */
static size_t t_record(tbuf *b, int type, const void *k, size_t klen, const void *v, size_t vlen) {
    tbuf body = {0};
    unsigned char t = (unsigned char)type;
    tb_put(&body, &t, 1);
    tb_varint(&body, (uint32_t)klen);
    if (type == 1) tb_varint(&body, (uint32_t)vlen);
    tb_put(&body, k, klen);
    if (type == 1) tb_put(&body, v, vlen);
    uint32_t c = t_crc(body.d, body.n);
    unsigned char cb[4] = {(unsigned char)c, (unsigned char)(c >> 8), (unsigned char)(c >> 16),
                           (unsigned char)(c >> 24)};
    tb_put(b, cb, 4);
    tb_put(b, body.d, body.n);
    size_t len = body.n + 4;
    free(body.d);
    return len;
}

static char *tpath(const char *name) {
    char *p = malloc(256);
    CHECK(p != NULL);
    snprintf(p, 256, "/tmp/logkv-hidden-%ld-%s", (long)getpid(), name);
    unlink(p);
    char c[300];
    snprintf(c, sizeof c, "%s.compact", p);
    unlink(c);
    return p;
}

static unsigned char *slurp(const char *path, size_t *n) {
    int fd = open(path, O_RDONLY);
    CHECK_MSG(fd >= 0, "cannot open %s", path);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    unsigned char *d = malloc((size_t)st.st_size + 1);
    CHECK(d != NULL);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, d + got, (size_t)st.st_size - got);
        CHECK(r > 0);
        got += (size_t)r;
    }
    close(fd);
    *n = got;
    return d;
}

static void spit(const char *path, const void *d, size_t n) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, d, n) == (ssize_t)n);
    close(fd);
}

static off_t fsize(const char *path) {
    struct stat st;
    CHECK(stat(path, &st) == 0);
    return st.st_size;
}

static void expect_file(const char *path, const tbuf *want) {
    size_t n;
    unsigned char *got = slurp(path, &n);
    if (n != want->n) {
        free(got);
        FAIL("file is %zu bytes, SPEC.md encoding gives %zu", n, want->n);
    }
    for (size_t i = 0; i < n; i++)
        if (got[i] != want->d[i]) {
            unsigned a = got[i], b = want->d[i];
            free(got);
            FAIL("file differs from the SPEC.md encoding at byte %zu: 0x%02x, want 0x%02x", i, a,
                 b);
        }
    free(got);
}

static void expect_value(lkv *db, const void *k, size_t klen, const void *want, size_t wlen) {
    void *v = NULL;
    size_t n = 12345;
    int rc = lkv_get(db, k, klen, &v, &n);
    CHECK_EQ_INT(rc, LKV_OK);
    CHECK(v != NULL);
    CHECK_EQ_INT((long long)n, (long long)wlen);
    if (wlen) CHECK_EQ_MEM(v, want, wlen);
    free(v);
}

static void expect_missing(lkv *db, const void *k, size_t klen) {
    void *v = (void *)1;
    size_t n = 7;
    CHECK_EQ_INT(lkv_get(db, k, klen, &v, &n), LKV_NOTFOUND);
    CHECK(v == NULL);
    CHECK_EQ_INT((int)n, 0);
}

static lkv_stats_t stats(lkv *db) {
    lkv_stats_t st;
    memset(&st, 0xAB, sizeof st);
    CHECK_EQ_INT(lkv_stats(db, &st), LKV_OK);
    return st;
}

static uint64_t rng_state;
static uint32_t rnd(void) {
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}

static void fill(unsigned char *p, size_t n, uint32_t seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)((i * 131u + seed * 7u + (i >> 7)) & 0xFF);
}

/* ---- format ---------------------------------------------------------------------------- */

TEST(crc_reference_value) {
    CHECK_EQ_INT((long long)t_crc((const unsigned char *)"123456789", 9), 0xCBF43926ll);
}

TEST(spec_example_exact_bytes) {
    char *p = tpath("example");
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "a", 1, "xyz", 3), LKV_OK);
    lkv_close(db);
    tbuf want = {0};
    tb_put(&want, MAGIC, 8);
    t_record(&want, 1, "a", 1, "xyz", 3);
    expect_file(p, &want);
    size_t n;
    unsigned char *d = slurp(p, &n);
    const unsigned char tail[7] = {1, 1, 3, 'a', 'x', 'y', 'z'};
    CHECK_EQ_MEM(d + 12, tail, 7);
    free(d);
    unlink(p);
}

TEST(new_store_is_header_only) {
    char *p = tpath("new");
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT((int)lkv_count(db), 0);
    lkv_stats_t st = stats(db);
    CHECK_EQ_INT((long long)st.file_bytes, 8);
    CHECK_EQ_INT((long long)st.live_bytes, 0);
    CHECK_EQ_INT((long long)st.truncated_bytes, 0);
    lkv_close(db);
    tbuf want = {0};
    tb_put(&want, MAGIC, 8);
    expect_file(p, &want);
    spit(p, "", 0);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    lkv_close(db);
    expect_file(p, &want);
    unlink(p);
}

TEST(writes_are_byte_exact) {
    char *p = tpath("exact");
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    tbuf want = {0};
    tb_put(&want, MAGIC, 8);
    static const size_t lens[] = {0, 1, 127, 128, 129, 255, 16383, 16384, 16385, 70000, 2097152};
    unsigned char *val = malloc(2097152);
    CHECK(val != NULL);
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        char key[32];
        int kl = snprintf(key, sizeof key, "len%zu", lens[i]);
        fill(val, lens[i], (uint32_t)i);
        CHECK_EQ_INT(lkv_put(db, key, (size_t)kl, val, lens[i]), LKV_OK);
        t_record(&want, 1, key, (size_t)kl, val, lens[i]);
    }
    unsigned char bk[200];
    fill(bk, sizeof bk, 99);
    bk[0] = 0;
    bk[50] = 0;
    CHECK_EQ_INT(lkv_put(db, bk, 128, "b", 1), LKV_OK);
    t_record(&want, 1, bk, 128, "b", 1);
    CHECK_EQ_INT(lkv_put(db, bk, 200, "c", 1), LKV_OK);
    t_record(&want, 1, bk, 200, "c", 1);
    CHECK_EQ_INT(lkv_del(db, "len128", 6), LKV_OK);
    t_record(&want, 2, "len128", 6, NULL, 0);
    CHECK_EQ_INT(lkv_del(db, "len128", 6), LKV_NOTFOUND);
    CHECK_EQ_INT(lkv_del(db, "nosuch", 6), LKV_NOTFOUND);
    CHECK_EQ_INT(lkv_put(db, "len0", 4, "again", 5), LKV_OK);
    t_record(&want, 1, "len0", 4, "again", 5);
    lkv_close(db);
    expect_file(p, &want);
    free(val);
    free(want.d);
    unlink(p);
}

TEST(reads_file_written_per_spec) {
    char *p = tpath("foreign");
    tbuf f = {0};
    tb_put(&f, MAGIC, 8);
    size_t l1 = t_record(&f, 1, "alpha", 5, "one", 3);
    t_record(&f, 1, "beta", 4, "two", 3);
    t_record(&f, 2, "beta", 4, NULL, 0);
    t_record(&f, 2, "ghost", 5, NULL, 0); /* a DEL of an absent key: harmless */
    size_t l2 = t_record(&f, 1, "gamma", 5, "", 0);
    unsigned char big[5000];
    fill(big, sizeof big, 5);
    size_t l3 = t_record(&f, 1, "delta", 5, big, sizeof big);
    /* a non-shortest but valid varint: klen 1 as 0x81 0x00 */
    tbuf body = {0};
    const unsigned char hdr[] = {0x01, 0x81, 0x00, 0x02, 'z', 'h', 'i'};
    tb_put(&body, hdr, sizeof hdr);
    uint32_t c = t_crc(body.d, body.n);
    unsigned char cb[4] = {(unsigned char)c, (unsigned char)(c >> 8), (unsigned char)(c >> 16),
                           (unsigned char)(c >> 24)};
    tb_put(&f, cb, 4);
    tb_put(&f, body.d, body.n);
    size_t l4 = 4 + body.n;
    spit(p, f.d, f.n);
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT((int)lkv_count(db), 4);
    expect_value(db, "alpha", 5, "one", 3);
    expect_missing(db, "beta", 4);
    expect_missing(db, "ghost", 5);
    expect_value(db, "gamma", 5, "", 0);
    expect_value(db, "delta", 5, big, sizeof big);
    expect_value(db, "z", 1, "hi", 2);
    lkv_stats_t st = stats(db);
    CHECK_EQ_INT((long long)st.truncated_bytes, 0);
    CHECK_EQ_INT((long long)st.live_keys, 4);
    CHECK_EQ_INT((long long)st.file_bytes, (long long)f.n);
    CHECK_EQ_INT((long long)st.live_bytes, (long long)(l1 + l2 + l3 + l4));
    lkv_close(db);
    CHECK_EQ_INT((long long)fsize(p), (long long)f.n);
    unlink(p);
}

TEST(bad_header_is_rejected_untouched) {
    char *p = tpath("badhdr");
    lkv *db = (lkv *)1;
    for (size_t n = 1; n <= 7; n++) {
        spit(p, MAGIC, n);
        db = (lkv *)1;
        CHECK_EQ_INT(lkv_open(p, &db), LKV_ECORRUPT);
        CHECK(db == NULL);
        CHECK_EQ_INT((long long)fsize(p), (long long)n);
    }
    unsigned char wrong[20];
    memcpy(wrong, MAGIC, 8);
    wrong[7] = 2;
    memset(wrong + 8, 0, 12);
    spit(p, wrong, sizeof wrong);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_ECORRUPT);
    CHECK(db == NULL);
    size_t n;
    unsigned char *d = slurp(p, &n);
    CHECK_EQ_INT((int)n, 20);
    CHECK_EQ_MEM(d, wrong, 20);
    free(d);
    unlink(p);
}

TEST(invalid_arguments) {
    char *p = tpath("args");
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    static unsigned char big[LKV_MAX_KEY + 2];
    memset(big, 'k', sizeof big);
    CHECK_EQ_INT(lkv_put(db, "", 0, "v", 1), LKV_EINVAL);
    CHECK_EQ_INT(lkv_put(db, NULL, 3, "v", 1), LKV_EINVAL);
    CHECK_EQ_INT(lkv_put(db, big, LKV_MAX_KEY + 1, "v", 1), LKV_EINVAL);
    CHECK_EQ_INT(lkv_put(db, "k", 1, "v", (size_t)LKV_MAX_VALUE + 1), LKV_EINVAL);
    CHECK_EQ_INT(lkv_put(NULL, "k", 1, "v", 1), LKV_EINVAL);
    CHECK_EQ_INT(lkv_del(db, "", 0), LKV_EINVAL);
    void *v;
    size_t n;
    CHECK_EQ_INT(lkv_get(db, "", 0, &v, &n), LKV_EINVAL);
    CHECK_EQ_INT(lkv_get(db, "k", 1, NULL, &n), LKV_EINVAL);
    CHECK_EQ_INT((long long)fsize(p), 8);
    CHECK_EQ_INT(lkv_put(db, big, LKV_MAX_KEY, "", 0), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "k", 1, NULL, 0), LKV_OK);
    lkv_close(db);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    expect_value(db, big, LKV_MAX_KEY, "", 0);
    expect_value(db, "k", 1, "", 0);
    tbuf want = {0};
    tb_put(&want, MAGIC, 8);
    t_record(&want, 1, big, LKV_MAX_KEY, "", 0);
    t_record(&want, 1, "k", 1, "", 0);
    lkv_close(db);
    expect_file(p, &want);
    unlink(p);
}

/* ---- recovery --------------------------------------------------------------------------- */

/* A store of 6 records (with a DEL); returns the offsets where each record starts (7 entries: the
 * last is the file size). */
static tbuf six_records(size_t *starts) {
    tbuf f = {0};
    tb_put(&f, MAGIC, 8);
    unsigned char v[300];
    fill(v, sizeof v, 3);
    starts[0] = f.n;
    t_record(&f, 1, "k0", 2, v, 10);
    starts[1] = f.n;
    t_record(&f, 1, "k1", 2, v, 200);
    starts[2] = f.n;
    t_record(&f, 2, "k0", 2, NULL, 0);
    starts[3] = f.n;
    t_record(&f, 1, "k2", 2, v, 0);
    starts[4] = f.n;
    t_record(&f, 1, "k1", 2, v + 1, 150);
    starts[5] = f.n;
    t_record(&f, 1, "k3", 2, v, 300);
    starts[6] = f.n;
    return f;
}

/* Which keys should be present after replaying records [0, k). */
static void check_prefix_state(lkv *db, size_t k) {
    unsigned char v[300];
    fill(v, sizeof v, 3);
    if (k >= 1 && k < 3) expect_value(db, "k0", 2, v, 10);
    else expect_missing(db, "k0", 2);
    if (k >= 5) expect_value(db, "k1", 2, v + 1, 150);
    else if (k >= 2) expect_value(db, "k1", 2, v, 200);
    else expect_missing(db, "k1", 2);
    if (k >= 4) expect_value(db, "k2", 2, "", 0);
    else expect_missing(db, "k2", 2);
    if (k >= 6) expect_value(db, "k3", 2, v, 300);
    else expect_missing(db, "k3", 2);
}

TEST(torn_tail_every_cut) {
    char *p = tpath("torn");
    size_t starts[7];
    tbuf f = six_records(starts);
    for (size_t cut = 9; cut < f.n; cut++) {
        size_t k = 0;
        while (k < 6 && starts[k + 1] <= cut) k++;
        spit(p, f.d, cut);
        lkv *db = NULL;
        int rc = lkv_open(p, &db);
        CHECK_MSG(rc == LKV_OK, "cut at %zu: lkv_open returned %d", cut, rc);
        lkv_stats_t st = stats(db);
        CHECK_MSG(st.truncated_bytes == cut - starts[k], "cut at %zu: truncated_bytes %llu, want %zu",
                  cut, (unsigned long long)st.truncated_bytes, cut - starts[k]);
        CHECK_EQ_INT((long long)st.file_bytes, (long long)starts[k]);
        CHECK_EQ_INT((long long)fsize(p), (long long)starts[k]);
        check_prefix_state(db, k);
        lkv_close(db);
    }
    free(f.d);
    unlink(p);
}

TEST(writes_after_recovery_survive) {
    char *p = tpath("after");
    size_t starts[7];
    tbuf f = six_records(starts);
    size_t cuts[] = {starts[5] + 3, starts[5] + 9, f.n - 1, starts[2] + 2};
    for (size_t ci = 0; ci < sizeof cuts / sizeof cuts[0]; ci++) {
        size_t cut = cuts[ci];
        size_t k = 0;
        while (k < 6 && starts[k + 1] <= cut) k++;
        spit(p, f.d, cut);
        lkv *db;
        CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
        CHECK_EQ_INT(lkv_put(db, "new", 3, "value", 5), LKV_OK);
        CHECK_EQ_INT(lkv_put(db, "new2", 4, "v2", 2), LKV_OK);
        lkv_close(db);
        tbuf want = {0};
        tb_put(&want, f.d, starts[k]);
        t_record(&want, 1, "new", 3, "value", 5);
        t_record(&want, 1, "new2", 4, "v2", 2);
        expect_file(p, &want);
        CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
        CHECK_EQ_INT((long long)stats(db).truncated_bytes, 0);
        check_prefix_state(db, k);
        expect_value(db, "new", 3, "value", 5);
        expect_value(db, "new2", 4, "v2", 2);
        lkv_close(db);
        free(want.d);
    }
    free(f.d);
    unlink(p);
}

/* Corrupts one byte at offset at (xor), opens, and checks that recovery kept records [0, k). */
static void corrupt_and_check(const tbuf *f, const size_t *starts, size_t at, size_t k) {
    char *p = tpath("corrupt");
    unsigned char *d = malloc(f->n);
    CHECK(d != NULL);
    memcpy(d, f->d, f->n);
    d[at] ^= 0x20;
    spit(p, d, f->n);
    lkv *db;
    int rc = lkv_open(p, &db);
    CHECK_MSG(rc == LKV_OK, "byte %zu corrupted: lkv_open returned %d", at, rc);
    lkv_stats_t st = stats(db);
    CHECK_MSG(st.truncated_bytes == f->n - starts[k],
              "byte %zu corrupted: truncated_bytes %llu, want %zu", at,
              (unsigned long long)st.truncated_bytes, f->n - starts[k]);
    CHECK_EQ_INT((long long)fsize(p), (long long)starts[k]);
    check_prefix_state(db, k);
    lkv_close(db);
    free(d);
    unlink(p);
    free(p);
}

TEST(corrupt_value_byte_detected) {
    size_t starts[7];
    tbuf f = six_records(starts);
    /* record 1: crc(4) type(1) klen(1) vlen(2: 200) key(2) value(200) */
    corrupt_and_check(&f, starts, starts[1] + 10 + 50, 1);
    corrupt_and_check(&f, starts, starts[1] + 10 + 199, 1);
    corrupt_and_check(&f, starts, starts[4] + 9 + 149, 4);
    corrupt_and_check(&f, starts, starts[5] + 10, 5);
    free(f.d);
}

TEST(corrupt_header_fields_detected) {
    size_t starts[7];
    tbuf f = six_records(starts);
    corrupt_and_check(&f, starts, starts[0] + 1, 0);     /* crc */
    corrupt_and_check(&f, starts, starts[3] + 3, 3);     /* crc */
    corrupt_and_check(&f, starts, starts[2] + 4, 2);     /* type 0x02 -> 0x22 */
    corrupt_and_check(&f, starts, starts[2] + 6, 2);     /* key byte of a DEL */
    corrupt_and_check(&f, starts, starts[4] + 8, 4);     /* key byte of a PUT */
    corrupt_and_check(&f, starts, starts[1] + 6, 1);     /* vlen */
    free(f.d);
}

static void invalid_record_case(const unsigned char *body, size_t n) {
    char *p = tpath("invalid");
    tbuf f = {0};
    tb_put(&f, MAGIC, 8);
    t_record(&f, 1, "good", 4, "yes", 3);
    size_t good = f.n;
    uint32_t c = t_crc(body, n);
    unsigned char cb[4] = {(unsigned char)c, (unsigned char)(c >> 8), (unsigned char)(c >> 16),
                           (unsigned char)(c >> 24)};
    tb_put(&f, cb, 4);
    tb_put(&f, body, n);
    t_record(&f, 1, "after", 5, "no", 2);
    spit(p, f.d, f.n);
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT((int)lkv_count(db), 1);
    expect_value(db, "good", 4, "yes", 3);
    expect_missing(db, "after", 5);
    CHECK_EQ_INT((long long)stats(db).truncated_bytes, (long long)(f.n - good));
    lkv_close(db);
    CHECK_EQ_INT((long long)fsize(p), (long long)good);
    free(f.d);
    unlink(p);
    free(p);
}

TEST(invalid_records_truncate) {
    const unsigned char type0[] = {0x00, 0x01, 0x01, 'a', 'b'};
    const unsigned char type3[] = {0x03, 0x01, 'a'};
    const unsigned char klen0[] = {0x01, 0x00, 0x01, 'b'};
    const unsigned char klen_big[] = {0x02, 0x80, 0x80, 0x04, 'a'}; /* 65536 */
    const unsigned char vlen_big[] = {0x01, 0x01, 0x81, 0x80, 0x80, 0x08, 'a'}; /* 16 MiB + 1 */
    const unsigned char varint6[] = {0x01, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01, 'a', 'b'};
    const unsigned char varint33[] = {0x01, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 'a'};
    invalid_record_case(type0, sizeof type0);
    invalid_record_case(type3, sizeof type3);
    invalid_record_case(klen0, sizeof klen0);
    invalid_record_case(klen_big, sizeof klen_big);
    invalid_record_case(vlen_big, sizeof vlen_big);
    invalid_record_case(varint6, sizeof varint6);
    invalid_record_case(varint33, sizeof varint33);
}

TEST(max_value_accepted) {
    char *p = tpath("maxval");
    unsigned char *v = malloc(LKV_MAX_VALUE);
    CHECK(v != NULL);
    fill(v, LKV_MAX_VALUE, 8);
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "max", 3, v, LKV_MAX_VALUE), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "after", 5, "x", 1), LKV_OK);
    lkv_close(db);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT((long long)stats(db).truncated_bytes, 0);
    expect_value(db, "max", 3, v, LKV_MAX_VALUE);
    expect_value(db, "after", 5, "x", 1);
    lkv_close(db);
    free(v);
    unlink(p);
}

/* ---- compaction ------------------------------------------------------------------------ */

typedef struct {
    unsigned char key[40];
    size_t klen;
    unsigned char val[600];
    size_t vlen;
    int live;
} mentry;

typedef struct {
    mentry e[400];
    size_t n;
} model;

static mentry *m_find(model *m, const unsigned char *k, size_t klen) {
    for (size_t i = 0; i < m->n; i++)
        if (m->e[i].klen == klen && memcmp(m->e[i].key, k, klen) == 0) return &m->e[i];
    return NULL;
}

static int m_cmp(const void *a, const void *b) {
    const mentry *x = *(mentry *const *)a, *y = *(mentry *const *)b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    return (x->klen > y->klen) - (x->klen < y->klen);
}

static size_t m_sorted(model *m, mentry **out) {
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->e[i].live) out[k++] = &m->e[i];
    qsort(out, k, sizeof *out, m_cmp);
    return k;
}

/* The expected compacted file and the live_bytes. */
static uint64_t m_compacted(model *m, tbuf *want) {
    mentry *s[400];
    size_t k = m_sorted(m, s);
    want->n = 0;
    tb_put(want, MAGIC, 8);
    for (size_t i = 0; i < k; i++) t_record(want, 1, s[i]->key, s[i]->klen, s[i]->val, s[i]->vlen);
    return want->n - 8;
}

static void random_key(unsigned char *k, size_t *klen, uint32_t universe) {
    uint32_t id = rnd() % universe;
    int style = (int)(id % 4);
    if (style == 0) *klen = (size_t)snprintf((char *)k, 40, "user:%u", id);
    else if (style == 1) *klen = (size_t)snprintf((char *)k, 40, "u%u", id);
    else if (style == 2) *klen = (size_t)snprintf((char *)k, 40, "user:%u:x", id / 4);
    else {
        *klen = 1 + id % 9;
        for (size_t i = 0; i < *klen; i++) k[i] = (unsigned char)((id * 37u + i * 11u) & 0xFF);
        k[0] = (unsigned char)(id & 0xFF);
    }
}

static void m_apply_put(model *m, lkv *db, tbuf *log) {
    unsigned char k[40];
    size_t klen;
    random_key(k, &klen, 300);
    size_t vlen = rnd() % 5 == 0 ? 0 : rnd() % 600;
    unsigned char v[600];
    fill(v, vlen, rnd());
    CHECK_EQ_INT(lkv_put(db, k, klen, v, vlen), LKV_OK);
    if (log) t_record(log, 1, k, klen, v, vlen);
    mentry *e = m_find(m, k, klen);
    if (!e) {
        CHECK(m->n < 400);
        e = &m->e[m->n++];
        memcpy(e->key, k, klen);
        e->klen = klen;
    }
    memcpy(e->val, v, vlen);
    e->vlen = vlen;
    e->live = 1;
}

static void m_apply_del(model *m, lkv *db, tbuf *log) {
    unsigned char k[40];
    size_t klen;
    random_key(k, &klen, 300);
    mentry *e = m_find(m, k, klen);
    int present = e && e->live;
    CHECK_EQ_INT(lkv_del(db, k, klen), present ? LKV_OK : LKV_NOTFOUND);
    if (present) {
        e->live = 0;
        if (log) t_record(log, 2, k, klen, NULL, 0);
    }
}

static void m_check_all(model *m, lkv *db) {
    size_t live = 0;
    for (size_t i = 0; i < m->n; i++) {
        mentry *e = &m->e[i];
        if (e->live) {
            live++;
            expect_value(db, e->key, e->klen, e->val, e->vlen);
        } else {
            expect_missing(db, e->key, e->klen);
        }
    }
    CHECK_EQ_INT((long long)lkv_count(db), (long long)live);
    CHECK_EQ_INT((long long)stats(db).live_keys, (long long)live);
}

TEST(compaction_exact_file_and_later_writes) {
    char *p = tpath("compact");
    rng_state = 42;
    static model m;
    memset(&m, 0, sizeof m);
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    for (int i = 0; i < 900; i++) {
        if (rnd() % 3 == 0) m_apply_del(&m, db, NULL);
        else m_apply_put(&m, db, NULL);
    }
    tbuf want = {0};
    uint64_t live = m_compacted(&m, &want);
    CHECK_EQ_INT((long long)stats(db).live_bytes, (long long)live);
    CHECK_EQ_INT(lkv_compact(db), LKV_OK);
    expect_file(p, &want);
    char cp[300];
    snprintf(cp, sizeof cp, "%s.compact", p);
    CHECK_MSG(access(cp, F_OK) != 0, "%s still exists after compaction", cp);
    lkv_stats_t st = stats(db);
    CHECK_EQ_INT((long long)st.file_bytes, (long long)(8 + live));
    CHECK_EQ_INT((long long)st.live_bytes, (long long)live);
    m_check_all(&m, db);
    /* writes after compaction append to the compacted file */
    for (int i = 0; i < 60; i++) {
        if (rnd() % 3 == 0) m_apply_del(&m, db, &want);
        else m_apply_put(&m, db, &want);
    }
    m_check_all(&m, db);
    lkv_close(db);
    expect_file(p, &want);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT((long long)stats(db).truncated_bytes, 0);
    m_check_all(&m, db);
    /* compact twice in a row, then reopen */
    CHECK_EQ_INT(lkv_compact(db), LKV_OK);
    CHECK_EQ_INT(lkv_compact(db), LKV_OK);
    live = m_compacted(&m, &want);
    expect_file(p, &want);
    CHECK_EQ_INT((long long)stats(db).file_bytes, (long long)(8 + live));
    m_check_all(&m, db);
    lkv_close(db);
    free(want.d);
    unlink(p);
}

TEST(compaction_of_empty_and_all_deleted) {
    char *p = tpath("cempty");
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT(lkv_compact(db), LKV_OK);
    CHECK_EQ_INT((long long)stats(db).file_bytes, 8);
    CHECK_EQ_INT(lkv_put(db, "a", 1, "1", 1), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "b", 1, "2", 1), LKV_OK);
    CHECK_EQ_INT(lkv_del(db, "a", 1), LKV_OK);
    CHECK_EQ_INT(lkv_del(db, "b", 1), LKV_OK);
    CHECK_EQ_INT(lkv_compact(db), LKV_OK);
    tbuf want = {0};
    tb_put(&want, MAGIC, 8);
    expect_file(p, &want);
    CHECK_EQ_INT(lkv_put(db, "c", 1, "3", 1), LKV_OK);
    t_record(&want, 1, "c", 1, "3", 1);
    lkv_close(db);
    expect_file(p, &want);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    expect_value(db, "c", 1, "3", 1);
    expect_missing(db, "a", 1);
    CHECK_EQ_INT((int)lkv_count(db), 1);
    lkv_close(db);
    unlink(p);
}

TEST(randomized_against_model) {
    char *p = tpath("model");
    rng_state = 7;
    static model m;
    memset(&m, 0, sizeof m);
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    tbuf log = {0};
    tb_put(&log, MAGIC, 8);
    for (int step = 0; step < 2500; step++) {
        uint32_t r = rnd() % 100;
        if (r < 55) m_apply_put(&m, db, &log);
        else if (r < 85) m_apply_del(&m, db, &log);
        else if (r < 95) {
            unsigned char k[40];
            size_t klen;
            random_key(k, &klen, 300);
            mentry *e = m_find(&m, k, klen);
            if (e && e->live) expect_value(db, k, klen, e->val, e->vlen);
            else expect_missing(db, k, klen);
        } else if (r < 98) {
            lkv_close(db);
            expect_file(p, &log);
            CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
            CHECK_EQ_INT((long long)stats(db).truncated_bytes, 0);
        } else {
            CHECK_EQ_INT(lkv_compact(db), LKV_OK);
            m_compacted(&m, &log);
            expect_file(p, &log);
        }
        if (step % 250 == 0) {
            m_check_all(&m, db);
            tbuf c = {0};
            uint64_t live = m_compacted(&m, &c);
            lkv_stats_t st = stats(db);
            CHECK_EQ_INT((long long)st.live_bytes, (long long)live);
            CHECK_EQ_INT((long long)st.file_bytes, (long long)log.n);
            free(c.d);
        }
    }
    m_check_all(&m, db);
    lkv_close(db);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    m_check_all(&m, db);
    lkv_close(db);
    free(log.d);
    unlink(p);
}

/* ---- iteration ------------------------------------------------------------------------- */

typedef struct {
    tbuf seen;
    int calls;
    int stop_at;
} iter_ctx;

static int collect(void *vctx, const void *key, size_t klen, const void *val, size_t vlen) {
    iter_ctx *c = vctx;
    c->calls++;
    unsigned char kl = (unsigned char)klen, vl = (unsigned char)vlen;
    tb_put(&c->seen, &kl, 1);
    tb_put(&c->seen, key, klen);
    tb_put(&c->seen, &vl, 1);
    tb_put(&c->seen, val, vlen);
    return c->calls == c->stop_at ? 77 : 0;
}

TEST(foreach_sorted_and_stops) {
    char *p = tpath("iter");
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    const char *keys[] = {"b", "ab", "a", "abc", "\xff", "a\x00z", "B", "aa"};
    size_t kl[] = {1, 2, 1, 3, 1, 3, 1, 2};
    for (int i = 0; i < 8; i++) CHECK_EQ_INT(lkv_put(db, keys[i], kl[i], "v", 1), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "zz", 2, "gone", 4), LKV_OK);
    CHECK_EQ_INT(lkv_del(db, "zz", 2), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "aa", 2, "new", 3), LKV_OK);
    iter_ctx c = {{0}, 0, -1};
    CHECK_EQ_INT(lkv_foreach(db, collect, &c), LKV_OK);
    CHECK_EQ_INT(c.calls, 8);
    const char order[] = "\1B\1v" "\1a\1v" "\3a\0z\1v" "\2aa\3new" "\2ab\1v" "\3abc\1v" "\1b\1v"
                         "\1\xff\1v";
    CHECK_EQ_INT((int)c.seen.n, (int)(sizeof order - 1));
    CHECK_EQ_MEM(c.seen.d, order, sizeof order - 1);
    iter_ctx s = {{0}, 0, 3};
    CHECK_EQ_INT(lkv_foreach(db, collect, &s), 77);
    CHECK_EQ_INT(s.calls, 3);
    lkv_close(db);
    unlink(p);
}

/* ---- scaling ----------------------------------------------------------------------------- */

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void too_slow(int sig) {
    (void)sig;
    static const char msg[] = "the larger store took far more than linear CPU time\n";
    if (tinytest_result_fd_ >= 0) tinytest_write_all_(tinytest_result_fd_, msg, sizeof msg - 1);
    _exit(1);
}

/* Puts n keys like "session:user:0001234", reopens, and gets every key. CPU seconds. */
static double workload(const char *p, int n) {
    unlink(p);
    double t0 = cpu_now();
    lkv *db;
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    char k[48], v[32];
    for (int i = 0; i < n; i++) {
        int kl = snprintf(k, sizeof k, "session:user:%07d", i * 7919 % 1000003);
        int vl = snprintf(v, sizeof v, "%d", i);
        CHECK_EQ_INT(lkv_put(db, k, (size_t)kl, v, (size_t)vl), LKV_OK);
    }
    lkv_close(db);
    CHECK_EQ_INT(lkv_open(p, &db), LKV_OK);
    CHECK_EQ_INT((int)lkv_count(db), n);
    for (int i = 0; i < n; i += 1) {
        int kl = snprintf(k, sizeof k, "session:user:%07d", i * 7919 % 1000003);
        void *got;
        size_t gl;
        CHECK_EQ_INT(lkv_get(db, k, (size_t)kl, &got, &gl), LKV_OK);
        free(got);
    }
    lkv_close(db);
    return cpu_now() - t0;
}

TEST_TIMEOUT(scales_linearly_with_shared_prefixes, 120) {
    char *p = tpath("scale");
    const int small = 2000, factor = 8;
    double ts = 1e9;
    for (int r = 0; r < 3; r++) {
        double t = workload(p, small);
        if (t < ts) ts = t;
    }
    /* Linear work takes about factor x as long; allow 3x that on top (quadratic is 64x). */
    double budget = ts * factor * 3 + 0.05;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = too_slow;
    sigaction(SIGPROF, &sa, NULL);
    double tl = 1e9;
    for (int r = 0; r < 2; r++) {
        struct itimerval it;
        memset(&it, 0, sizeof it);
        double lim = budget + 0.25; /* past the bound fails anyway */
        it.it_value.tv_sec = (time_t)lim;
        it.it_value.tv_usec = (suseconds_t)((lim - (double)(time_t)lim) * 1e6);
        setitimer(ITIMER_PROF, &it, NULL);
        double t = workload(p, small * factor);
        memset(&it, 0, sizeof it);
        setitimer(ITIMER_PROF, &it, NULL);
        if (t < tl) tl = t;
    }
    CHECK_MSG(tl <= budget, "%d keys: %.3fs CPU; %d keys: %.3fs CPU (allowed %.3fs)", small, ts,
              small * factor, tl, budget);
    unlink(p);
}
