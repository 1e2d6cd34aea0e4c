/* Basic behaviour of the library. Build and run: make test */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "/opt/harness/include/tinytest.h"
#include "logkv.h"

static char *fresh_path(const char *name) {
    static char path[256];
    snprintf(path, sizeof path, "/tmp/logkv-basic-%ld-%s", (long)getpid(), name);
    unlink(path);
    return path;
}

TEST(basic_put_get_del) {
    char *path = fresh_path("a");
    lkv *db;
    CHECK_EQ_INT(lkv_open(path, &db), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "k1", 2, "hello", 5), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "k2", 2, "", 0), LKV_OK);
    void *v;
    size_t n;
    CHECK_EQ_INT(lkv_get(db, "k1", 2, &v, &n), LKV_OK);
    CHECK_EQ_INT((int)n, 5);
    CHECK_EQ_MEM(v, "hello", 5);
    free(v);
    CHECK_EQ_INT(lkv_get(db, "k2", 2, &v, &n), LKV_OK);
    CHECK_EQ_INT((int)n, 0);
    free(v);
    CHECK_EQ_INT(lkv_del(db, "k1", 2), LKV_OK);
    CHECK_EQ_INT(lkv_del(db, "k1", 2), LKV_NOTFOUND);
    CHECK_EQ_INT(lkv_get(db, "k1", 2, &v, &n), LKV_NOTFOUND);
    CHECK_EQ_INT((int)lkv_count(db), 1);
    lkv_close(db);
    unlink(path);
}

TEST(basic_reopen) {
    char *path = fresh_path("b");
    lkv *db;
    CHECK_EQ_INT(lkv_open(path, &db), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "x", 1, "1", 1), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "x", 1, "22", 2), LKV_OK);
    CHECK_EQ_INT(lkv_put(db, "y", 1, "3", 1), LKV_OK);
    CHECK_EQ_INT(lkv_del(db, "y", 1), LKV_OK);
    lkv_close(db);
    CHECK_EQ_INT(lkv_open(path, &db), LKV_OK);
    void *v;
    size_t n;
    CHECK_EQ_INT(lkv_get(db, "x", 1, &v, &n), LKV_OK);
    CHECK_EQ_INT((int)n, 2);
    CHECK_EQ_MEM(v, "22", 2);
    free(v);
    CHECK_EQ_INT(lkv_get(db, "y", 1, &v, &n), LKV_NOTFOUND);
    lkv_close(db);
    unlink(path);
}
