/* Basic behaviour of the library. Build and run: make test */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "/opt/harness/include/tinytest.h"
#include "btkv.h"

static char *fresh_path(const char *name) {
    static char path[256];
    snprintf(path, sizeof path, "/tmp/btkv-basic-%ld-%s", (long)getpid(), name);
    unlink(path);
    return path;
}

TEST(put_get_del_reopen) {
    char *path = fresh_path("a");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    CHECK_EQ_INT(btkv_put(db, "k1", 2, "hello", 5), BTKV_OK);
    CHECK_EQ_INT(btkv_put(db, "k2", 2, "world!", 6), BTKV_OK);
    char buf[32];
    size_t n;
    CHECK_EQ_INT(btkv_get(db, "k1", 2, buf, sizeof buf, &n), BTKV_OK);
    CHECK_EQ_INT((int)n, 5);
    CHECK_EQ_MEM(buf, "hello", 5);
    CHECK_EQ_INT(btkv_del(db, "k1", 2), BTKV_OK);
    CHECK_EQ_INT(btkv_get(db, "k1", 2, buf, sizeof buf, &n), BTKV_NOTFOUND);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    CHECK_EQ_INT(btkv_open(path, 0, &db), BTKV_OK);
    CHECK_EQ_INT(btkv_get(db, "k2", 2, buf, sizeof buf, &n), BTKV_OK);
    CHECK_EQ_INT((int)n, 6);
    CHECK_EQ_MEM(buf, "world!", 6);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

TEST(many_keys_scan_in_order) {
    char *path = fresh_path("b");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    char k[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(k, sizeof k, "user:%05d", (i * 37) % 2000);
        CHECK_EQ_INT(btkv_put(db, k, strlen(k), "some value", 10), BTKV_OK);
    }
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    int rc = btkv_cursor_first(c), n = 0;
    while (rc == BTKV_OK) {
        const void *key;
        size_t kl;
        CHECK_EQ_INT(btkv_cursor_key(c, &key, &kl), BTKV_OK);
        snprintf(k, sizeof k, "user:%05d", n);
        CHECK_EQ_INT((int)kl, (int)strlen(k));
        CHECK_EQ_MEM(key, k, kl);
        n++;
        rc = btkv_cursor_next(c);
    }
    CHECK_EQ_INT(rc, BTKV_END);
    CHECK_EQ_INT(n, 2000);
    btkv_cursor_close(c);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

/* Report 1: packed binary keys. */
TEST(binary_keys_are_distinct) {
    char *path = fresh_path("c");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    unsigned char k1[8] = {0, 0, 0, 0, 0, 0, 0, 1}, k2[8] = {0, 0, 0, 0, 0, 0, 0, 2};
    CHECK_EQ_INT(btkv_put(db, k1, 8, "one", 3), BTKV_OK);
    CHECK_EQ_INT(btkv_put(db, k2, 8, "two", 3), BTKV_OK);
    char buf[8];
    size_t n;
    CHECK_EQ_INT(btkv_get(db, k1, 8, buf, sizeof buf, &n), BTKV_OK);
    CHECK_EQ_MEM(buf, "one", 3);
    btkv_stats st;
    CHECK_EQ_INT(btkv_stats_get(db, &st), BTKV_OK);
    CHECK_EQ_INT((int)st.key_count, 2);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}

/* Report 2: expiring sessions while scanning. */
TEST(delete_while_scanning) {
    char *path = fresh_path("d");
    btkv *db;
    CHECK_EQ_INT(btkv_open(path, BTKV_CREATE, &db), BTKV_OK);
    char k[32];
    for (int i = 0; i < 10; i++) {
        snprintf(k, sizeof k, "s%02d", i);
        CHECK_EQ_INT(btkv_put(db, k, 3, "x", 1), BTKV_OK);
    }
    btkv_cursor *c;
    CHECK_EQ_INT(btkv_cursor_open(db, &c), BTKV_OK);
    int rc = btkv_cursor_first(c), n = 0;
    while (rc == BTKV_OK) {
        const void *key;
        size_t kl;
        CHECK_EQ_INT(btkv_cursor_key(c, &key, &kl), BTKV_OK);
        CHECK_EQ_INT(btkv_del(db, key, kl), BTKV_OK);
        n++;
        rc = btkv_cursor_next(c);
    }
    CHECK_EQ_INT(n, 10);
    btkv_cursor_close(c);
    CHECK_EQ_INT(btkv_close(db), BTKV_OK);
    unlink(path);
}
