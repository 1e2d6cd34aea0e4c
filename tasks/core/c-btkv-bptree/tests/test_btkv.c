/* Hidden tests for btkv: byte-exact pages (SPEC.md), error codes, cursors, randomized operation
 * sequences checked against an in-test model and, file byte for file byte, against a reference
 * implementation of SPEC.md (ref_btkv.h), and a CPU-time bound relative to that reference. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "/opt/harness/include/tinytest.h"
#include "btkv.h"
#include "ref_btkv.h"

/* ---- helpers --------------------------------------------------------------------------------- */

static char *tpath(const char *name) {
    static char bufs[4][256];
    static int k;
    char *p = bufs[k++ & 3];
    snprintf(p, 256, "/tmp/btkv-h-%ld-%s", (long)getpid(), name);
    unlink(p);
    return p;
}

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *d = malloc((size_t)n + 1);
    if (n > 0 && fread(d, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(d);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return d;
}

static void spit(const char *path, const unsigned char *d, size_t n) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (n) CHECK(fwrite(d, 1, n, f) == n);
    fclose(f);
}

static uint32_t t_crc(uint32_t c, const unsigned char *p, size_t n) {
    c ^= 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void w16(unsigned char *p, unsigned v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}
static void w32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t r32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

#define PS 1024

/* An independent page encoder (SPEC.md sections 2 and 3). */
static void t_seal(unsigned char *pg) {
    w32(pg + 4, 0);
    w32(pg + 4, t_crc(0, pg, PS));
}

static void t_header(unsigned char *pg, uint32_t pages, uint32_t root, uint32_t depth,
                     uint32_t free_head, uint32_t free_count, uint64_t keys) {
    static const unsigned char magic[8] = {0x42, 0x54, 0x4b, 0x56, 0, 0, 0, 1};
    memset(pg, 0, PS);
    memcpy(pg, magic, 8);
    w32(pg + 8, PS);
    w32(pg + 12, pages);
    w32(pg + 16, root);
    w32(pg + 20, depth);
    w32(pg + 24, free_head);
    w32(pg + 28, free_count);
    w32(pg + 32, (uint32_t)keys);
    w32(pg + 36, (uint32_t)(keys >> 32));
    w32(pg + 40, t_crc(0, pg, 40));
}

typedef struct {
    const char *k;
    size_t kl;
    const char *v;
    size_t vl;
    uint32_t child;
} tcell;

static void t_leaf(unsigned char *pg, uint32_t next, const tcell *cells, int n) {
    memset(pg, 0, PS);
    pg[0] = 1;
    w16(pg + 2, (unsigned)n);
    w32(pg + 8, next);
    unsigned char *p = pg + 16;
    for (int i = 0; i < n; i++) {
        w16(p, (unsigned)cells[i].kl);
        w16(p + 2, (unsigned)cells[i].vl);
        memcpy(p + 4, cells[i].k, cells[i].kl);
        memcpy(p + 4 + cells[i].kl, cells[i].v, cells[i].vl);
        p += 4 + cells[i].kl + cells[i].vl;
    }
    w16(pg + 12, (unsigned)(p - pg - 16));
    t_seal(pg);
}

static void t_internal(unsigned char *pg, uint32_t leftmost, const tcell *cells, int n) {
    memset(pg, 0, PS);
    pg[0] = 2;
    w16(pg + 2, (unsigned)n);
    w32(pg + 8, leftmost);
    unsigned char *p = pg + 16;
    for (int i = 0; i < n; i++) {
        w16(p, (unsigned)cells[i].kl);
        w32(p + 2, cells[i].child);
        memcpy(p + 6, cells[i].k, cells[i].kl);
        p += 6 + cells[i].kl;
    }
    w16(pg + 12, (unsigned)(p - pg - 16));
    t_seal(pg);
}

static void t_free(unsigned char *pg, uint32_t next) {
    memset(pg, 0, PS);
    pg[0] = 3;
    w32(pg + 8, next);
    t_seal(pg);
}

/* Compares a file with expected bytes and names the first differing page and offset. */
static void check_file(const char *path, const unsigned char *want, size_t wlen) {
    size_t n = 0;
    unsigned char *got = slurp(path, &n);
    CHECK(got != NULL);
    if (n != wlen) {
        free(got);
        FAIL("file is %zu bytes, expected %zu", n, wlen);
    }
    for (size_t i = 0; i < n; i++) {
        if (got[i] != want[i]) {
            unsigned g = got[i], w = want[i];
            free(got);
            FAIL("page %zu byte %zu: got 0x%02x, expected 0x%02x", i / PS, i % PS, g, w);
        }
    }
    free(got);
}

static void check_same_files(const char *a, const char *b, const char *what) {
    size_t na = 0, nb = 0;
    unsigned char *da = slurp(a, &na), *db = slurp(b, &nb);
    CHECK(da != NULL && db != NULL);
    if (na != nb) {
        free(da);
        free(db);
        FAIL("%s: file is %zu pages, a store following SPEC.md has %zu", what, na / PS, nb / PS);
    }
    for (size_t i = 0; i < na; i++) {
        if (da[i] != db[i]) {
            size_t pg = i / PS;
            unsigned t1 = da[pg * PS], t2 = db[pg * PS];
            unsigned g = da[i], w = db[i];
            free(da);
            free(db);
            FAIL("%s: page %zu (type %u, expected type %u) differs at byte %zu: 0x%02x, expected 0x%02x",
                 what, pg, t1, t2, i % PS, g, w);
        }
    }
    free(da);
    free(db);
}

static void kput(btkv *db, const char *k, const char *v) {
    CHECK_EQ_INT(btkv_put(db, k, strlen(k), v, strlen(v)), BTKV_OK);
}

/* ---- a model: a sorted array of entries -------------------------------------------------------- */

typedef struct {
    unsigned char k[BTKV_MAX_KEY];
    size_t kl;
    unsigned char v[BTKV_MAX_VALUE];
    size_t vl;
} ment;

typedef struct {
    ment *e;
    int n, cap;
} model;

static int mcmp(const void *a, size_t al, const void *b, size_t bl) {
    size_t n = al < bl ? al : bl;
    int r = n ? memcmp(a, b, n) : 0;
    if (r) return r;
    return (al > bl) - (al < bl);
}

static int m_lower(const model *m, const void *k, size_t kl) {
    int lo = 0, hi = m->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (mcmp(m->e[mid].k, m->e[mid].kl, k, kl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int m_find(const model *m, const void *k, size_t kl) {
    int i = m_lower(m, k, kl);
    return i < m->n && mcmp(m->e[i].k, m->e[i].kl, k, kl) == 0 ? i : -1;
}

static void m_put(model *m, const void *k, size_t kl, const void *v, size_t vl) {
    int i = m_lower(m, k, kl);
    if (!(i < m->n && mcmp(m->e[i].k, m->e[i].kl, k, kl) == 0)) {
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 256;
            m->e = realloc(m->e, (size_t)m->cap * sizeof *m->e);
        }
        memmove(&m->e[i + 1], &m->e[i], (size_t)(m->n - i) * sizeof *m->e);
        m->n++;
        memcpy(m->e[i].k, k, kl);
        m->e[i].kl = kl;
    }
    if (vl) memcpy(m->e[i].v, v, vl);
    m->e[i].vl = vl;
}

static int m_del(model *m, const void *k, size_t kl) {
    int i = m_find(m, k, kl);
    if (i < 0) return 0;
    memmove(&m->e[i], &m->e[i + 1], (size_t)(m->n - i - 1) * sizeof *m->e);
    m->n--;
    return 1;
}

/* Full scan with a cursor equals the model. */
static void check_scan(btkv *db, const model *m) {
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    int rc = btkv_cursor_first(c);
    for (int i = 0; i < m->n; i++) {
        CHECK_MSG(rc == BTKV_OK, "scan: expected key #%d of %d, cursor returned %d", i, m->n, rc);
        const void *k, *v;
        size_t kl, vl;
        CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_OK);
        CHECK_EQ_INT(btkv_cursor_value(c, &v, &vl), BTKV_OK);
        CHECK_MSG(kl == m->e[i].kl && memcmp(k, m->e[i].k, kl) == 0, "scan: key #%d differs", i);
        CHECK_MSG(vl == m->e[i].vl && (vl == 0 || memcmp(v, m->e[i].v, vl) == 0),
                  "scan: value of key #%d differs", i);
        rc = btkv_cursor_next(c);
    }
    CHECK_MSG(rc == BTKV_END, "scan: expected the end after %d keys, got %d", m->n, rc);
    CHECK_EQ_INT(btkv_cursor_next(c), BTKV_END);
    btkv_cursor_close(c);
}

/* ---- random numbers ------------------------------------------------------------------------------ */

static uint64_t rng_s;
static uint32_t rnd(void) {
    rng_s ^= rng_s << 13;
    rng_s ^= rng_s >> 7;
    rng_s ^= rng_s << 17;
    return (uint32_t)(rng_s >> 11);
}
static uint32_t rndn(uint32_t n) {
    return rnd() % n;
}

/* ==== exact bytes ============================================================================== */

TEST(new_store_is_header_and_empty_root_leaf) {
    char *path = tpath("new");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[2 * PS];
    t_header(want, 2, 1, 1, 0, 0, 0);
    t_leaf(want + PS, 0, NULL, 0);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(single_leaf_exact_bytes_and_order) {
    char *path = tpath("leaf");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    kput(db, "pear", "green");
    kput(db, "apple", "");
    CHECK_EQ_INT(btkv_put(db, "fig\0x", 5, "\x00\xff", 2), BTKV_OK);
    kput(db, "fig", "1");
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[2 * PS];
    t_header(want, 2, 1, 1, 0, 0, 4);
    tcell cells[] = {
        {"apple", 5, "", 0, 0},
        {"fig", 3, "1", 1, 0},
        {"fig\0x", 5, "\x00\xff", 2, 0},
        {"pear", 4, "green", 5, 0},
    };
    t_leaf(want + PS, 0, cells, 4);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(same_length_replace_rewrites_in_place) {
    char *path = tpath("repl");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    kput(db, "a", "111");
    kput(db, "b", "222");
    kput(db, "a", "999");
    kput(db, "b", "22");
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[2 * PS];
    t_header(want, 2, 1, 1, 0, 0, 2);
    tcell cells[] = {{"a", 1, "999", 3, 0}, {"b", 1, "22", 2, 0}};
    t_leaf(want + PS, 0, cells, 2);
    check_file(path, want, sizeof want);
    unlink(path);
}

/* 24-byte cells: 42 fill a page exactly (SPEC.md 4.2). */
static char ck[64][9];
static const char *cval = "vvvvvvvvvvvv";
static void fixed_keys(void) {
    for (int i = 0; i < 64; i++) snprintf(ck[i], sizeof ck[i], "key%05d", i * 10);
}
static tcell fc(int i) {
    tcell c = {ck[i], 8, cval, 12, 0};
    return c;
}

TEST(first_split_exact_layout) {
    fixed_keys();
    char *path = tpath("split");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    for (int i = 0; i < 42; i++) kput(db, ck[i], cval);
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.page_count, 2);
    CHECK_EQ_INT((int)st.depth, 1);
    kput(db, ck[42], cval);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[4 * PS];
    t_header(want, 4, 3, 2, 0, 0, 43);
    tcell l[22], r[21];
    for (int i = 0; i < 22; i++) l[i] = fc(i);
    for (int i = 0; i < 21; i++) r[i] = fc(22 + i);
    t_leaf(want + PS, 2, l, 22);
    t_leaf(want + 2 * PS, 0, r, 21);
    tcell sep = {ck[22], 8, NULL, 0, 2};
    t_internal(want + 3 * PS, 1, &sep, 1);
    check_file(path, want, sizeof want);
    unlink(path);
}

/* Builds two leaves: left with 22 - ndel_left cells, right with 21 + extra cells. */
static btkv *two_leaves(const char *path, int extra, int ndel_left) {
    fixed_keys();
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    for (int i = 0; i < 43 + extra; i++) kput(db, ck[i], cval);
    for (int i = 0; i < ndel_left; i++)
        CHECK_EQ_INT(btkv_del(db, ck[i], 8), BTKV_OK);
    return db;
}

TEST(merge_when_both_fit_exactly) {
    char *path = tpath("mergex");
    btkv *db = two_leaves(path, 11, 12); /* left 10 cells (240 bytes), right 32 (768) */
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.depth, 1);
    CHECK_EQ_INT((int)st.free_pages, 2);
    CHECK_EQ_INT((int)st.leaf_pages, 1);
    CHECK_EQ_INT((int)st.internal_pages, 0);
    CHECK_EQ_INT((int)st.key_count, 42);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[4 * PS];
    t_header(want, 4, 1, 1, 3, 2, 42);
    tcell all[42];
    for (int i = 0; i < 42; i++) all[i] = fc(12 + i);
    t_leaf(want + PS, 0, all, 42);
    t_free(want + 2 * PS, 0);
    t_free(want + 3 * PS, 2);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(redistribute_when_both_do_not_fit) {
    char *path = tpath("redis");
    btkv *db = two_leaves(path, 12, 12); /* left 10 cells, right 33: 1032 bytes together */
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[4 * PS];
    t_header(want, 4, 3, 2, 0, 0, 43);
    tcell l[22], r[21];
    for (int i = 0; i < 22; i++) l[i] = fc(12 + i);
    for (int i = 0; i < 21; i++) r[i] = fc(34 + i);
    t_leaf(want + PS, 2, l, 22);
    t_leaf(want + 2 * PS, 0, r, 21);
    tcell sep = {ck[34], 8, NULL, 0, 2};
    t_internal(want + 3 * PS, 1, &sep, 1);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(no_rebalance_until_below_a_quarter) {
    char *path = tpath("quarter");
    btkv *db = two_leaves(path, 0, 11); /* left 11 cells = 264 bytes: not an underflow */
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[4 * PS];
    t_header(want, 4, 3, 2, 0, 0, 32);
    tcell l[11], r[21];
    for (int i = 0; i < 11; i++) l[i] = fc(11 + i);
    for (int i = 0; i < 21; i++) r[i] = fc(22 + i);
    t_leaf(want + PS, 2, l, 11);
    t_leaf(want + 2 * PS, 0, r, 21);
    tcell sep = {ck[22], 8, NULL, 0, 2};
    t_internal(want + 3 * PS, 1, &sep, 1);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(last_child_merges_with_left_sibling) {
    char *path = tpath("lastchild");
    fixed_keys();
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    for (int i = 0; i < 43; i++) kput(db, ck[i], cval);
    /* right leaf: 21 cells; delete 11 of them from its end: 10 left, underflow */
    for (int i = 42; i > 31; i--) CHECK_EQ_INT(btkv_del(db, ck[i], 8), BTKV_OK);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[4 * PS];
    t_header(want, 4, 1, 1, 3, 2, 32);
    tcell all[32];
    for (int i = 0; i < 32; i++) all[i] = fc(i);
    t_leaf(want + PS, 0, all, 32);
    t_free(want + 2 * PS, 0);
    t_free(want + 3 * PS, 2);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(freed_pages_are_reused_head_first) {
    char *path = tpath("reuse");
    btkv *db = two_leaves(path, 11, 12); /* merged: free list 3 -> 2 */
    /* grow again: the split takes page 3 for the right leaf, then page 2 for the new root */
    for (int i = 54; i < 64; i++) kput(db, ck[i], cval);
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.page_count, 4);
    CHECK_EQ_INT((int)st.free_pages, 0);
    CHECK_EQ_INT((int)st.depth, 2);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    size_t n;
    unsigned char *d = slurp(path, &n);
    CHECK(d != NULL);
    CHECK_EQ_INT((int)n, 4 * PS);
    CHECK_EQ_INT(d[2 * PS], 2);  /* page 2: the root */
    CHECK_EQ_INT(d[3 * PS], 1);  /* page 3: a leaf */
    CHECK_EQ_INT((int)r32(d + 16), 2);
    CHECK_EQ_INT((int)r32(d + 2 * PS + 8), 1);
    CHECK_EQ_INT((int)r32(d + PS + 8), 3);
    free(d);
    unlink(path);
}

/* ==== reading files written per SPEC.md ======================================================= */

static void write_spec_file(const char *path) {
    unsigned char f[5 * PS];
    t_header(f, 5, 3, 2, 4, 1, 4);
    tcell l1[] = {{"a", 1, "A", 1, 0}, {"b\0", 2, "B0", 2, 0}};
    tcell l2[] = {{"m", 1, "", 0, 0}, {"z", 1, "Zed", 3, 0}};
    t_leaf(f + PS, 2, l1, 2);
    t_leaf(f + 2 * PS, 0, l2, 2);
    tcell sep = {"m", 1, NULL, 0, 2};
    t_internal(f + 3 * PS, 1, &sep, 1);
    t_free(f + 4 * PS, 0);
    spit(path, f, sizeof f);
}

TEST(reads_store_written_per_spec) {
    char *path = tpath("spec");
    write_spec_file(path);
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
    char buf[16];
    size_t vl = 99;
    CHECK_EQ_INT(btkv_get(db, "b\0", 2, buf, sizeof buf, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 2);
    CHECK_EQ_MEM(buf, "B0", 2);
    CHECK_EQ_INT(btkv_get(db, "z", 1, buf, sizeof buf, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 3);
    CHECK_EQ_INT(btkv_get(db, "b", 1, buf, sizeof buf, &vl), BTKV_NOTFOUND);
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.page_count, 5);
    CHECK_EQ_INT((int)st.free_pages, 1);
    CHECK_EQ_INT((int)st.depth, 2);
    CHECK_EQ_INT((int)st.leaf_pages, 2);
    CHECK_EQ_INT((int)st.internal_pages, 1);
    CHECK_EQ_INT((int)st.key_count, 4);
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    CHECK_EQ_INT(btkv_cursor_seek(c, "c", 1), BTKV_OK);
    const void *k;
    size_t kl;
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_OK);
    CHECK_EQ_INT((int)kl, 1);
    CHECK_EQ_MEM(k, "m", 1);
    btkv_cursor_close(c);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(delete_in_spec_file_merges_collapses_and_frees) {
    char *path = tpath("spec2");
    write_spec_file(path);
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
    CHECK_EQ_INT(btkv_del(db, "a", 1), BTKV_OK);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char want[5 * PS];
    t_header(want, 5, 1, 1, 3, 3, 3);
    tcell all[] = {{"b\0", 2, "B0", 2, 0}, {"m", 1, "", 0, 0}, {"z", 1, "Zed", 3, 0}};
    t_leaf(want + PS, 0, all, 3);
    t_free(want + 2 * PS, 4);
    t_free(want + 3 * PS, 2);
    t_free(want + 4 * PS, 0);
    check_file(path, want, sizeof want);
    unlink(path);
}

TEST(reused_free_pages_follow_the_chain) {
    char *path = tpath("spec3");
    write_spec_file(path);
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
    CHECK_EQ_INT(btkv_del(db, "a", 1), BTKV_OK); /* free list 3 -> 2 -> 4 */
    char k[16], v[120];
    memset(v, 'x', sizeof v);
    int i;
    for (i = 0; i < 40; i++) {
        snprintf(k, sizeof k, "n%03d", i);
        CHECK_EQ_INT(btkv_put(db, k, 4, v, sizeof v), BTKV_OK);
    }
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.key_count, 43);
    CHECK_EQ_INT((int)(st.page_count - 1), (int)(st.leaf_pages + st.internal_pages + st.free_pages));
    CHECK_MSG(st.page_count == 5 + (st.leaf_pages + st.internal_pages > 4 ? st.leaf_pages + st.internal_pages - 4 : 0),
              "page_count %u: the file grew while free pages were left", st.page_count);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
    model m = {0};
    m_put(&m, "b\0", 2, "B0", 2);
    m_put(&m, "m", 1, "", 0);
    m_put(&m, "z", 1, "Zed", 3);
    for (i = 0; i < 40; i++) {
        snprintf(k, sizeof k, "n%03d", i);
        m_put(&m, k, 4, v, sizeof v);
    }
    check_scan(db, &m);
    free(m.e);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

/* ==== errors ==================================================================================== */

TEST(open_errors) {
    btkv *db = (btkv *)1;
    char *path = tpath("missing");
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_ENOENT);
    CHECK(db == NULL);
    CHECK_EQ_INT(access(path, F_OK), -1);
    CHECK_EQ_INT(btkv_open(path, 2, &db), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_open(NULL, BTKV_CREATE, &db), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, NULL), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_close(NULL), BTKV_EINVAL);
}

static int open_mutated(const char *name, size_t off, unsigned char val, size_t truncate_to) {
    char *path = tpath(name);
    write_spec_file(path);
    size_t n;
    unsigned char *d = slurp(path, &n);
    if (truncate_to) n = truncate_to;
    else d[off] = val;
    spit(path, d, n);
    free(d);
    btkv *db = NULL;
    int rc = btkv_open(path, BTKV_CREATE, &db);
    if (rc == BTKV_OK) btkv_close(db);
    unlink(path);
    return rc;
}

TEST(open_rejects_bad_headers) {
    CHECK_EQ_INT(open_mutated("m1", 0, 'b', 0), BTKV_ECORRUPT);          /* magic */
    CHECK_EQ_INT(open_mutated("m2", 7, 2, 0), BTKV_ECORRUPT);            /* version */
    CHECK_EQ_INT(open_mutated("m3", 33, 1, 0), BTKV_ECORRUPT);           /* key count: crc */
    CHECK_EQ_INT(open_mutated("m4", 0, 0x42, 5 * PS - 1), BTKV_ECORRUPT); /* not whole pages */
    CHECK_EQ_INT(open_mutated("m5", 0, 0x42, 4 * PS), BTKV_ECORRUPT);     /* count != size */
    CHECK_EQ_INT(open_mutated("m6", 0, 0x42, PS), BTKV_ECORRUPT);         /* too short */
    /* a header with root out of range, correctly checksummed */
    char *path = tpath("m7");
    unsigned char f[2 * PS];
    t_header(f, 2, 2, 1, 0, 0, 0);
    t_leaf(f + PS, 0, NULL, 0);
    spit(path, f, sizeof f);
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_ECORRUPT);
    t_header(f, 2, 1, 1, 0, 0, 0);
    w32(f + 8, 4096);
    w32(f + 40, t_crc(0, f, 40));
    spit(path, f, sizeof f);
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_ECORRUPT);
    spit(path, f, 0);
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_ECORRUPT);
    unlink(path);
}

TEST(page_checksum_covers_every_byte) {
    size_t offs[] = {0, 2, 3, 8, 12, 16, 17, 40, 1023};
    for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        char *path = tpath("pcrc");
        write_spec_file(path);
        size_t n;
        unsigned char *d = slurp(path, &n);
        d[3 * PS + offs[i]] ^= 0x04; /* the root page */
        spit(path, d, n);
        free(d);
        btkv *db;
        CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
        char buf[8];
        size_t vl;
        int rc = btkv_get(db, "z", 1, buf, sizeof buf, &vl);
        CHECK_MSG(rc == BTKV_ECORRUPT, "byte %zu of the root flipped: get returned %d", offs[i], rc);
        CHECK_EQ_INT(btkv_put(db, "q", 1, "", 0), BTKV_ECORRUPT);
        btkv_close(db);
        unlink(path);
    }
}

/* Writes the SPEC file with page `pg` replaced by `page` (already sealed by the caller or not). */
static int open_and_get_with_page(const char *name, int pg, const unsigned char *page, int reseal,
                                  const char *key) {
    char *path = tpath(name);
    write_spec_file(path);
    size_t n;
    unsigned char *d = slurp(path, &n);
    memcpy(d + (size_t)pg * PS, page, PS);
    if (reseal) t_seal(d + (size_t)pg * PS);
    spit(path, d, n);
    free(d);
    btkv *db;
    int rc = btkv_open(path, 0, &db);
    if (rc != BTKV_OK) return 100 + rc;
    char buf[16];
    size_t vl;
    rc = btkv_get(db, key, strlen(key), buf, sizeof buf, &vl);
    btkv_close(db);
    unlink(path);
    return rc;
}

TEST(checksummed_but_malformed_pages_are_corrupt) {
    unsigned char pg[PS];
    tcell l2[] = {{"m", 1, "", 0, 0}, {"z", 1, "Zed", 3, 0}};
    /* control: the page as written is fine */
    t_leaf(pg, 0, l2, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal0", 2, pg, 0, "z"), BTKV_OK);
    /* reserved bytes */
    t_leaf(pg, 0, l2, 2);
    pg[1] = 1;
    CHECK_EQ_INT(open_and_get_with_page("mal1", 2, pg, 1, "z"), BTKV_ECORRUPT);
    t_leaf(pg, 0, l2, 2);
    pg[14] = 1;
    CHECK_EQ_INT(open_and_get_with_page("mal2", 2, pg, 1, "z"), BTKV_ECORRUPT);
    t_leaf(pg, 0, l2, 2);
    pg[15] = 1;
    CHECK_EQ_INT(open_and_get_with_page("mal2b", 2, pg, 1, "z"), BTKV_ECORRUPT);
    /* used does not match the cells */
    t_leaf(pg, 0, l2, 2);
    w16(pg + 12, 14);
    CHECK_EQ_INT(open_and_get_with_page("mal3", 2, pg, 1, "z"), BTKV_ECORRUPT);
    t_leaf(pg, 0, l2, 2);
    w16(pg + 12, 12);
    CHECK_EQ_INT(open_and_get_with_page("mal4", 2, pg, 1, "z"), BTKV_ECORRUPT);
    t_leaf(pg, 0, l2, 2);
    w16(pg + 2, 3);
    CHECK_EQ_INT(open_and_get_with_page("mal5", 2, pg, 1, "z"), BTKV_ECORRUPT);
    t_leaf(pg, 0, l2, 2);
    w16(pg + 12, 1009);
    CHECK_EQ_INT(open_and_get_with_page("mal5b", 2, pg, 1, "z"), BTKV_ECORRUPT);
    /* key and value lengths */
    tcell zero[] = {{"", 0, "x", 1, 0}, {"z", 1, "Zed", 3, 0}};
    t_leaf(pg, 0, zero, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal6", 2, pg, 0, "z"), BTKV_ECORRUPT);
    static char longk[66], longv[182];
    memset(longk, 'z', 65);
    memset(longv, 'v', 181);
    tcell lk[] = {{"m", 1, "", 0, 0}, {longk, 65, "", 0, 0}};
    t_leaf(pg, 0, lk, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal7", 2, pg, 0, "m"), BTKV_ECORRUPT);
    tcell ok64[] = {{"m", 1, "", 0, 0}, {longk, 64, longv, 180, 0}};
    t_leaf(pg, 0, ok64, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal7b", 2, pg, 0, "m"), BTKV_OK);
    tcell lv[] = {{"m", 1, "", 0, 0}, {"z", 1, longv, 181, 0}};
    t_leaf(pg, 0, lv, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal8", 2, pg, 0, "m"), BTKV_ECORRUPT);
    /* keys out of order, and a duplicate */
    tcell rev[] = {{"z", 1, "Zed", 3, 0}, {"m", 1, "", 0, 0}};
    t_leaf(pg, 0, rev, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal9", 2, pg, 0, "z"), BTKV_ECORRUPT);
    tcell dup[] = {{"m", 1, "", 0, 0}, {"m", 1, "", 0, 0}};
    t_leaf(pg, 0, dup, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal10", 2, pg, 0, "m"), BTKV_ECORRUPT);
    /* an internal page where a leaf must be, and a free page in the tree */
    tcell sep = {"m", 1, NULL, 0, 1};
    t_internal(pg, 1, &sep, 1);
    CHECK_EQ_INT(open_and_get_with_page("mal11", 2, pg, 0, "z"), BTKV_ECORRUPT);
    t_free(pg, 0);
    CHECK_EQ_INT(open_and_get_with_page("mal12", 2, pg, 0, "z"), BTKV_ECORRUPT);
    /* a leaf as the root of a depth-2 tree */
    t_leaf(pg, 0, l2, 2);
    CHECK_EQ_INT(open_and_get_with_page("mal13", 3, pg, 0, "z"), BTKV_ECORRUPT);
    /* a type that does not exist */
    t_leaf(pg, 0, l2, 2);
    pg[0] = 4;
    CHECK_EQ_INT(open_and_get_with_page("mal14", 2, pg, 1, "z"), BTKV_ECORRUPT);
}

TEST(free_list_head_that_is_not_free_is_corrupt) {
    /* free_head points at a leaf: the next page allocation must fail, not reuse it */
    char *path = tpath("badfree");
    unsigned char f[5 * PS];
    t_header(f, 5, 3, 2, 1, 1, 4);
    tcell l1[] = {{"a", 1, "A", 1, 0}, {"b\0", 2, "B0", 2, 0}};
    tcell l2[] = {{"m", 1, "", 0, 0}, {"z", 1, "Zed", 3, 0}};
    t_leaf(f + PS, 2, l1, 2);
    t_leaf(f + 2 * PS, 0, l2, 2);
    tcell sep = {"m", 1, NULL, 0, 2};
    t_internal(f + 3 * PS, 1, &sep, 1);
    t_free(f + 4 * PS, 0);
    spit(path, f, sizeof f);
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
    char v[180];
    memset(v, 'q', sizeof v);
    int rc = BTKV_OK;
    for (int i = 0; i < 10 && rc == BTKV_OK; i++) {
        char k[8];
        snprintf(k, sizeof k, "c%d", i);
        rc = btkv_put(db, k, strlen(k), v, sizeof v);
    }
    CHECK_EQ_INT(rc, BTKV_ECORRUPT);
    btkv_close(db);
    unlink(path);
}

TEST(key_and_value_limits) {
    char *path = tpath("limits");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    unsigned char k[80], v[200];
    memset(k, 'k', sizeof k);
    memset(v, 'v', sizeof v);
    char buf[200];
    size_t vl;
    CHECK_EQ_INT(btkv_put(db, k, 64, v, 180), BTKV_OK);
    CHECK_EQ_INT(btkv_get(db, k, 64, buf, sizeof buf, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 180);
    CHECK_EQ_INT(btkv_put(db, k, 65, v, 1), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_put(db, k, 0, v, 1), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_put(db, NULL, 0, v, 1), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_put(db, NULL, 3, v, 1), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_put(db, k, 3, v, 181), BTKV_EVALSIZE);
    CHECK_EQ_INT(btkv_put(db, k, 65, v, 181), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_put(db, k, 3, NULL, 1), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_put(db, k, 3, NULL, 0), BTKV_OK);
    CHECK_EQ_INT(btkv_get(db, k, 65, buf, sizeof buf, &vl), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_get(db, k, 0, buf, sizeof buf, &vl), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_get(db, NULL, 2, buf, sizeof buf, &vl), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_get(db, k, 3, buf, sizeof buf, NULL), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_del(db, k, 65), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_del(db, k, 0), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_put(NULL, k, 3, v, 1), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_get(NULL, k, 3, buf, 1, &vl), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_del(NULL, k, 3), BTKV_EINVAL);
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    CHECK_EQ_INT(btkv_cursor_seek(c, k, 65), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_cursor_seek(c, k, 0), BTKV_EKEYSIZE);
    CHECK_EQ_INT(btkv_cursor_seek(c, k, 64), BTKV_OK);
    btkv_cursor_close(c);
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.key_count, 2);
    CHECK_EQ_INT(btkv_stats_get(db, NULL), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_stats_get(NULL, &st), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(get_buffer_rules) {
    char *path = tpath("getbuf");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    kput(db, "k", "hello");
    kput(db, "e", "");
    char buf[8];
    size_t vl = 0;
    memset(buf, '#', sizeof buf);
    CHECK_EQ_INT(btkv_get(db, "k", 1, buf, 5, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 5);
    CHECK_EQ_MEM(buf, "hello###", 8);
    memset(buf, '#', sizeof buf);
    vl = 0;
    CHECK_EQ_INT(btkv_get(db, "k", 1, buf, 4, &vl), BTKV_ERANGE);
    CHECK_EQ_INT((int)vl, 5);
    CHECK_EQ_MEM(buf, "########", 8);
    vl = 0;
    CHECK_EQ_INT(btkv_get(db, "k", 1, NULL, 0, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 5);
    CHECK_EQ_INT(btkv_get(db, "k", 1, NULL, 3, &vl), BTKV_EINVAL);
    vl = 7;
    CHECK_EQ_INT(btkv_get(db, "e", 1, NULL, 0, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 0);
    vl = 7;
    CHECK_EQ_INT(btkv_get(db, "x", 1, buf, sizeof buf, &vl), BTKV_NOTFOUND);
    CHECK_EQ_INT((int)vl, 7);
    CHECK_EQ_INT(btkv_del(db, "x", 1), BTKV_NOTFOUND);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(error_strings) {
    CHECK_EQ_STR(btkv_strerror(BTKV_OK), "ok");
    CHECK_EQ_STR(btkv_strerror(BTKV_NOTFOUND), "key not found");
    CHECK_EQ_STR(btkv_strerror(BTKV_END), "end of data");
    CHECK_EQ_STR(btkv_strerror(BTKV_EINVAL), "invalid argument");
    CHECK_EQ_STR(btkv_strerror(BTKV_EKEYSIZE), "key length out of range");
    CHECK_EQ_STR(btkv_strerror(BTKV_EVALSIZE), "value too long");
    CHECK_EQ_STR(btkv_strerror(BTKV_ERANGE), "buffer too small");
    CHECK_EQ_STR(btkv_strerror(BTKV_ENOENT), "no such store");
    CHECK_EQ_STR(btkv_strerror(BTKV_EIO), "i/o error");
    CHECK_EQ_STR(btkv_strerror(BTKV_ECORRUPT), "store is corrupt");
    CHECK_EQ_STR(btkv_strerror(BTKV_ENOMEM), "out of memory");
    CHECK_EQ_STR(btkv_strerror(42), "unknown error");
    CHECK_EQ_STR(btkv_strerror(-9), "unknown error");
}

TEST(reads_do_not_write) {
    char *path = tpath("ro");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    for (int i = 0; i < 300; i++) {
        char k[16];
        snprintf(k, sizeof k, "r%04d", i * 7 % 300);
        kput(db, k, "some value here");
    }
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    size_t n1, n2;
    unsigned char *before = slurp(path, &n1);
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    char buf[32];
    size_t vl;
    CHECK_EQ_INT(btkv_get(db, "r0100", 5, buf, sizeof buf, &vl), BTKV_OK);
    CHECK_EQ_INT(btkv_del(db, "nope", 4), BTKV_NOTFOUND);
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    int rc = btkv_cursor_first(c), cnt = 0;
    while (rc == BTKV_OK) {
        cnt++;
        rc = btkv_cursor_next(c);
    }
    CHECK_EQ_INT(rc, BTKV_END);
    CHECK_EQ_INT(cnt, 300);
    btkv_cursor_close(c);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unsigned char *after = slurp(path, &n2);
    CHECK_EQ_INT((int)n1, (int)n2);
    CHECK(memcmp(before, after, n1) == 0);
    free(before);
    free(after);
    unlink(path);
}

/* ==== keys ===================================================================================== */

TEST(binary_keys_order_like_memcmp) {
    char *path = tpath("bin");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    static const struct { const char *k; size_t kl; } ks[] = {
        {"\xff", 1}, {"a", 1}, {"a\0", 2}, {"a\0\0", 3}, {"a\0b", 3}, {"a\0c", 3}, {"\0", 1},
        {"\0\0", 2}, {"ab", 2}, {"\x80", 1}, {"\x7f\xff", 2}, {"a\xff", 2},
    };
    int n = (int)(sizeof ks / sizeof ks[0]);
    model m = {0};
    for (int i = 0; i < n; i++) {
        char v[4];
        snprintf(v, sizeof v, "%d", i);
        CHECK_EQ_INT(btkv_put(db, ks[i].k, ks[i].kl, v, strlen(v)), BTKV_OK);
        m_put(&m, ks[i].k, ks[i].kl, v, strlen(v));
    }
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.key_count, n);
    check_scan(db, &m);
    CHECK_EQ_INT(btkv_del(db, "a\0b", 3), BTKV_OK);
    m_del(&m, "a\0b", 3);
    CHECK_EQ_INT(btkv_del(db, "a\0b", 3), BTKV_NOTFOUND);
    char buf[8];
    size_t vl;
    CHECK_EQ_INT(btkv_get(db, "a\0c", 3, buf, sizeof buf, &vl), BTKV_OK);
    CHECK_EQ_MEM(buf, "5", 1);
    CHECK_EQ_INT(btkv_get(db, "a\0", 2, buf, sizeof buf, &vl), BTKV_OK);
    CHECK_EQ_MEM(buf, "2", 1);
    check_scan(db, &m);
    free(m.e);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

/* ==== cursors ================================================================================== */

TEST(cursor_states) {
    char *path = tpath("cstate");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    const void *k;
    size_t kl;
    CHECK_EQ_INT(btkv_cursor_next(c), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_cursor_first(c), BTKV_END);
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_END);
    CHECK_EQ_INT(btkv_cursor_value(c, &k, &kl), BTKV_END);
    CHECK_EQ_INT(btkv_cursor_next(c), BTKV_END);
    kput(db, "b", "1");
    kput(db, "d", "2");
    CHECK_EQ_INT(btkv_cursor_seek(c, "e", 1), BTKV_END);
    CHECK_EQ_INT(btkv_cursor_seek(c, "b", 1), BTKV_OK);
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_OK);
    CHECK_EQ_MEM(k, "b", 1);
    CHECK_EQ_INT(btkv_cursor_seek(c, "c", 1), BTKV_OK);
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_OK);
    CHECK_EQ_MEM(k, "d", 1);
    CHECK_EQ_INT(btkv_cursor_key(c, NULL, &kl), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_cursor_next(c), BTKV_END);
    CHECK_EQ_INT(btkv_cursor_first(c), BTKV_OK);
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_OK);
    CHECK_EQ_MEM(k, "b", 1);
    CHECK_EQ_INT(btkv_cursor_open(NULL, &c), BTKV_EINVAL);
    CHECK_EQ_INT(btkv_cursor_next(NULL), BTKV_EINVAL);
    btkv_cursor_close(c);
    btkv_cursor_close(NULL);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(cursor_sees_value_it_was_positioned_on) {
    char *path = tpath("cval");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    kput(db, "a", "old");
    kput(db, "b", "bee");
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    CHECK_EQ_INT(btkv_cursor_first(c), BTKV_OK);
    kput(db, "a", "new");
    CHECK_EQ_INT(btkv_del(db, "a", 1), BTKV_OK);
    const void *v;
    size_t vl;
    CHECK_EQ_INT(btkv_cursor_value(c, &v, &vl), BTKV_OK);
    CHECK_EQ_INT((int)vl, 3);
    CHECK_EQ_MEM(v, "old", 3);
    kput(db, "a2", "x");
    CHECK_EQ_INT(btkv_cursor_next(c), BTKV_OK);
    const void *k;
    size_t kl;
    CHECK_EQ_INT(btkv_cursor_key(c, &k, &kl), BTKV_OK);
    CHECK_EQ_INT((int)kl, 2);
    CHECK_EQ_MEM(k, "a2", 2);
    btkv_cursor_close(c);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(delete_everything_while_iterating) {
    char *path = tpath("deliter");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    char k[16], v[64];
    memset(v, 'v', sizeof v);
    for (int i = 0; i < 1500; i++) {
        snprintf(k, sizeof k, "item:%06d", (i * 7919) % 1500);
        CHECK_EQ_INT(btkv_put(db, k, strlen(k), v, (size_t)(i % 60)), BTKV_OK);
    }
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    int rc = btkv_cursor_first(c), seen = 0;
    while (rc == BTKV_OK) {
        const void *kp;
        size_t kl;
        CHECK_EQ_INT(btkv_cursor_key(c, &kp, &kl), BTKV_OK);
        snprintf(k, sizeof k, "item:%06d", seen);
        CHECK_MSG(kl == strlen(k) && memcmp(kp, k, kl) == 0, "expected %s as key #%d", k, seen);
        CHECK_EQ_INT(btkv_del(db, kp, kl), BTKV_OK);
        seen++;
        rc = btkv_cursor_next(c);
    }
    CHECK_EQ_INT(rc, BTKV_END);
    CHECK_EQ_INT(seen, 1500);
    btkv_cursor_close(c);
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.key_count, 0);
    CHECK_EQ_INT((int)st.depth, 1);
    CHECK_EQ_INT((int)st.leaf_pages, 1);
    CHECK_EQ_INT((int)st.free_pages, (int)st.page_count - 2);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(seek_into_gap_left_by_deleted_first_keys) {
    char *path = tpath("gap");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    char k[16];
    model m = {0};
    for (int i = 0; i < 400; i++) {
        snprintf(k, sizeof k, "g%05d", i * 2);
        CHECK_EQ_INT(btkv_put(db, k, 6, "0123456789abcdef", 16), BTKV_OK);
        m_put(&m, k, 6, "0123456789abcdef", 16);
    }
    /* delete a few keys after every 40th: first keys of leaves and their neighbours */
    for (int i = 0; i < 400; i += 40)
        for (int j = i; j < i + 3 && j < 400; j++) {
            snprintf(k, sizeof k, "g%05d", j * 2);
            CHECK_EQ_INT(btkv_del(db, k, 6), BTKV_OK);
            m_del(&m, k, 6);
        }
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    for (int i = 0; i < 802; i++) {
        snprintf(k, sizeof k, "g%05d", i);
        int want = m_lower(&m, k, 6);
        int rc = btkv_cursor_seek(c, k, 6);
        if (want == m.n) {
            CHECK_MSG(rc == BTKV_END, "seek %s: expected the end, got %d", k, rc);
            continue;
        }
        CHECK_MSG(rc == BTKV_OK, "seek %s: expected %.*s, got %d", k, (int)m.e[want].kl, m.e[want].k, rc);
        const void *kp;
        size_t kl;
        CHECK_EQ_INT(btkv_cursor_key(c, &kp, &kl), BTKV_OK);
        CHECK_MSG(kl == m.e[want].kl && memcmp(kp, m.e[want].k, kl) == 0, "seek %s: wrong key", k);
    }
    btkv_cursor_close(c);
    free(m.e);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

/* ==== randomized: model and reference ========================================================== */

typedef struct {
    uint64_t seed;
    int ops;
    int pool;        /* distinct keys */
    int put_pct;     /* of the ops */
    int del_pct;
    int maxkey;
    int maxval;
    int alphabet;    /* key bytes drawn from this many values, NULs and high bytes included */
    int drain;       /* delete everything at the end */
} profile;

static const unsigned char ALPHA[] = {0x00, 'a', 0xff, 'b', 0x80, 'c', 0x01, 0x7f, 'd', 0xfe,
                                      'e', 'f', 'g', 'h', 'i', 'j'};

static void gen_key(const profile *pf, unsigned char *k, size_t *kl) {
    size_t n = 1 + rndn((uint32_t)pf->maxkey);
    if (rndn(8) == 0) n = (size_t)pf->maxkey;
    for (size_t i = 0; i < n; i++) k[i] = ALPHA[rndn((uint32_t)pf->alphabet)];
    *kl = n;
}

static void compare_stats(btkv *db, rbtkv *ref, const char *when) {
    btkv_stats a;
    rbtkv_stats b;
    CHECK_EQ_INT(btkv_stats_get(db, &a), BTKV_OK);
    CHECK_EQ_INT(rbtkv_stats_get(ref, &b), 0);
    CHECK_MSG(a.page_count == b.page_count && a.free_pages == b.free_pages && a.depth == b.depth &&
                  a.leaf_pages == b.leaf_pages && a.internal_pages == b.internal_pages &&
                  a.key_count == b.key_count,
              "%s: stats pages=%u free=%u depth=%u leaves=%u internal=%u keys=%llu; expected "
              "%u %u %u %u %u %llu",
              when, a.page_count, a.free_pages, a.depth, a.leaf_pages, a.internal_pages,
              (unsigned long long)a.key_count, b.page_count, b.free_pages, b.depth, b.leaf_pages,
              b.internal_pages, (unsigned long long)b.key_count);
}

static void run_profile(const profile *pf, const char *name) {
    char *pa = tpath(name);
    char rname[64];
    snprintf(rname, sizeof rname, "%s-ref", name);
    char *pr = tpath(rname);
    rng_s = pf->seed;
    unsigned char (*keys)[BTKV_MAX_KEY] = malloc((size_t)pf->pool * BTKV_MAX_KEY);
    size_t *klens = malloc((size_t)pf->pool * sizeof *klens);
    for (int i = 0; i < pf->pool; i++) gen_key(pf, keys[i], &klens[i]);
    btkv *db;
    rbtkv *ref;
    CHECK_EQ_INT(btkv_open(pa, BTKV_CREATE, &db), BTKV_OK);
    CHECK_EQ_INT(rbtkv_open(pr, BTKV_CREATE, &ref), 0);
    model m = {0};
    btkv_cursor *cur;
    CHECK_EQ_INT(btkv_cursor_open(db, &cur), BTKV_OK);
    int cur_at = -1; /* model index the cursor is on, -1: not positioned */
    unsigned char cur_key[BTKV_MAX_KEY];
    size_t cur_kl = 0;
    unsigned char val[BTKV_MAX_VALUE], buf[BTKV_MAX_VALUE];
    char when[96];
    for (int op = 0; op < pf->ops; op++) {
        int r = (int)rndn(100);
        int ki = (int)rndn((uint32_t)pf->pool);
        const unsigned char *k = keys[ki];
        size_t kl = klens[ki];
        snprintf(when, sizeof when, "%s op %d", name, op);
        if (r < pf->put_pct) {
            size_t vl = rndn((uint32_t)pf->maxval + 1);
            for (size_t i = 0; i < vl; i++) val[i] = (unsigned char)rnd();
            int a = btkv_put(db, k, kl, val, vl);
            int b = rbtkv_put(ref, k, kl, val, vl);
            CHECK_MSG(a == b && a == BTKV_OK, "%s: put returned %d", when, a);
            m_put(&m, k, kl, val, vl);
        } else if (r < pf->put_pct + pf->del_pct) {
            int a = btkv_del(db, k, kl);
            int b = rbtkv_del(ref, k, kl);
            int want = m_del(&m, k, kl) ? BTKV_OK : BTKV_NOTFOUND;
            CHECK_MSG(a == want && b == want, "%s: del returned %d, expected %d", when, a, want);
        } else if (r < 95) {
            int i = m_find(&m, k, kl);
            size_t vl = 999;
            size_t cap = i >= 0 ? m.e[i].vl : 0;
            int a = btkv_get(db, k, kl, cap ? buf : NULL, cap, &vl);
            if (i < 0) {
                CHECK_MSG(a == BTKV_NOTFOUND, "%s: get of a missing key returned %d", when, a);
            } else {
                CHECK_MSG(a == BTKV_OK && vl == m.e[i].vl && (vl == 0 || memcmp(buf, m.e[i].v, vl) == 0),
                          "%s: get returned %d with %zu bytes, expected %zu", when, a, vl, m.e[i].vl);
            }
        } else if (r < 98) {
            int want = m_lower(&m, k, kl);
            int a = btkv_cursor_seek(cur, k, kl);
            if (want == m.n) {
                CHECK_MSG(a == BTKV_END, "%s: seek past the last key returned %d", when, a);
                cur_at = -1;
            } else {
                CHECK_MSG(a == BTKV_OK, "%s: seek returned %d", when, a);
                cur_at = want;
                memcpy(cur_key, m.e[want].k, m.e[want].kl);
                cur_kl = m.e[want].kl;
            }
        } else if (cur_at >= 0) {
            /* next: the first key after the one the cursor was on, whatever changed since */
            int want = m_lower(&m, cur_key, cur_kl);
            if (want < m.n && mcmp(m.e[want].k, m.e[want].kl, cur_key, cur_kl) == 0) want++;
            int a = btkv_cursor_next(cur);
            if (want == m.n) {
                CHECK_MSG(a == BTKV_END, "%s: next at the end returned %d", when, a);
                cur_at = -1;
            } else {
                CHECK_MSG(a == BTKV_OK, "%s: next returned %d", when, a);
                const void *kp;
                size_t kpl;
                CHECK_EQ_INT(btkv_cursor_key(cur, &kp, &kpl), BTKV_OK);
                CHECK_MSG(kpl == m.e[want].kl && memcmp(kp, m.e[want].k, kpl) == 0,
                          "%s: next moved to the wrong key", when);
                cur_at = want;
                memcpy(cur_key, m.e[want].k, m.e[want].kl);
                cur_kl = m.e[want].kl;
            }
        }
        if (op % 500 == 499) {
            check_same_files(pa, pr, when);
            compare_stats(db, ref, when);
        }
    }
    if (pf->drain) {
        while (m.n > 0) {
            int i = (int)rndn((uint32_t)m.n);
            unsigned char k[BTKV_MAX_KEY];
            size_t kl = m.e[i].kl;
            memcpy(k, m.e[i].k, kl);
            CHECK_EQ_INT(btkv_del(db, k, kl), BTKV_OK);
            CHECK_EQ_INT(rbtkv_del(ref, k, kl), 0);
            m_del(&m, k, kl);
            if (m.n % 97 == 0) {
                snprintf(when, sizeof when, "%s draining, %d keys left", name, m.n);
                check_same_files(pa, pr, when);
            }
        }
    }
    snprintf(when, sizeof when, "%s at the end", name);
    check_same_files(pa, pr, when);
    compare_stats(db, ref, when);
    check_scan(db, &m);
    btkv_cursor_close(cur);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    rbtkv_close(ref);
    CHECK_EQ_INT(btkv_open(pa, 0, &db), BTKV_OK);
    check_scan(db, &m);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    check_same_files(pa, pr, "after reopening");
    free(m.e);
    free(keys);
    free(klens);
    unlink(pa);
    unlink(pr);
}

TEST_TIMEOUT(random_small_keys_deep_tree, 120) {
    profile pf = {0x9e3779b97f4a7c15ull, 6000, 2000, 62, 28, 12, 40, 16, 1};
    run_profile(&pf, "rnd1");
}

TEST_TIMEOUT(random_large_cells, 120) {
    profile pf = {0x1234567887654321ull, 4000, 600, 50, 35, 64, 180, 6, 0};
    run_profile(&pf, "rnd2");
}

TEST_TIMEOUT(random_churn_then_drain, 120) {
    profile pf = {0x0badc0ffee123457ull, 5000, 1000, 45, 40, 30, 120, 10, 1};
    run_profile(&pf, "rnd3");
}

TEST_TIMEOUT(random_binary_prefix_keys, 120) {
    profile pf = {0x5555aaaa3333ccccull, 4500, 1200, 55, 30, 6, 60, 3, 1};
    run_profile(&pf, "rnd4");
}

TEST_TIMEOUT(random_replace_heavy, 120) {
    profile pf = {0x42424242deadbeefull, 4500, 400, 80, 10, 20, 180, 12, 1};
    run_profile(&pf, "rnd5");
}

TEST_TIMEOUT(random_long_keys_small_values, 120) {
    profile pf = {0x7777111122223333ull, 6000, 2500, 70, 22, 64, 6, 16, 1};
    run_profile(&pf, "rnd6");
}

/* ==== CPU time relative to the reference ===================================================== */

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define PERF_N 40000
#define PERF_GETS 60000

static void perf_key(int i, unsigned char *k) {
    uint32_t x = (uint32_t)i * 2654435761u;
    snprintf((char *)k, 16, "u%08x%05d", x, i % 100000);
}

static const char PERF_VAL[] = "payload-payload-payload";

static double perf_agent_gets(btkv *db) {
    unsigned char k[16], buf[64];
    double t0 = cpu_now();
    for (int i = 0; i < PERF_GETS; i++) {
        perf_key((int)(((uint32_t)i * 7919u) % PERF_N), k);
        size_t vl;
        CHECK_EQ_INT(btkv_get(db, k, 14, buf, sizeof buf, &vl), BTKV_OK);
    }
    return cpu_now() - t0;
}

static double perf_ref_gets(rbtkv *db) {
    unsigned char k[16], buf[64];
    double t0 = cpu_now();
    for (int i = 0; i < PERF_GETS; i++) {
        perf_key((int)(((uint32_t)i * 7919u) % PERF_N), k);
        size_t vl;
        CHECK_EQ_INT(rbtkv_get(db, k, 14, buf, sizeof buf, &vl), 0);
    }
    return cpu_now() - t0;
}

/* Lookups in a store of 40,000 keys: at most 3x the reference's CPU time (min of 3 runs each). */
TEST_TIMEOUT(lookups_within_3x_of_reference_cpu_time, 240) {
    char *pa = tpath("perf-a");
    char *pr = tpath("perf-r");
    btkv *db;
    rbtkv *ref;
    CHECK_EQ_INT(btkv_open(pa, BTKV_CREATE, &db), BTKV_OK);
    CHECK_EQ_INT(rbtkv_open(pr, BTKV_CREATE, &ref), 0);
    unsigned char k[16];
    for (int i = 0; i < PERF_N; i++) {
        perf_key(i, k);
        CHECK_EQ_INT(btkv_put(db, k, 14, PERF_VAL, sizeof PERF_VAL - 1), BTKV_OK);
        CHECK_EQ_INT(rbtkv_put(ref, k, 14, PERF_VAL, sizeof PERF_VAL - 1), 0);
    }
    check_same_files(pa, pr, "bulk load");
    double ta = 1e9, tr = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        double a = perf_agent_gets(db), r = perf_ref_gets(ref);
        if (a < ta) ta = a;
        if (r < tr) tr = r;
    }
    fprintf(stderr, "lookups: %.3f s of CPU, reference %.3f s\n", ta, tr);
    CHECK_MSG(ta <= 3.0 * tr + 0.02, "%d lookups took %.3f s of CPU; the reference took %.3f s",
              PERF_GETS, ta, tr);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    rbtkv_close(ref);
    unlink(pa);
    unlink(pr);
}
