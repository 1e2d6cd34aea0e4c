#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hashmap.h"
#include "kvstore.h"
#include "/opt/harness/include/tinytest.h"

static char reply[65536];

static const char *ex(kvstore *kv, const char *cmd) {
    kv_exec(kv, cmd, reply, sizeof reply);
    return reply;
}

#define EXPECT(kv, cmd, want) CHECK_EQ_STR(ex((kv), (cmd)), (want))

/* ---- arena -------------------------------------------------------------------------------------- */

TEST(arena_strings_stay_separate) {
    arena a;
    arena_init(&a, 64);
    char *s[40];
    char want[40][40];
    for (int i = 0; i < 40; i++) {
        snprintf(want[i], sizeof want[i], "%.*s", i % 33 + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
        s[i] = arena_strndup(&a, want[i], strlen(want[i]));
    }
    for (int i = 0; i < 40; i++) CHECK_EQ_STR(s[i], want[i]);
    arena_free(&a);
}

TEST(arena_exact_block_fill) {
    arena a;
    arena_init(&a, 16);
    char *x = arena_strndup(&a, "0123456789abcde", 15); /* 15 + NUL = 16 */
    char *y = arena_strndup(&a, "Z", 1);
    char *z = arena_strndup(&a, "0123456789abcdefXYZ", 19); /* larger than a block */
    CHECK_EQ_STR(x, "0123456789abcde");
    CHECK_EQ_STR(y, "Z");
    CHECK_EQ_STR(z, "0123456789abcdefXYZ");
    arena_free(&a);
}

TEST(arena_strndup_copies_prefix) {
    arena a;
    arena_init(&a, 32);
    char *p = arena_strndup(&a, "hello world", 5);
    char *q = arena_strndup(&a, "", 0);
    CHECK_EQ_STR(p, "hello");
    CHECK_EQ_STR(q, "");
    arena_free(&a);
}

/* ---- hashmap against a model ------------------------------------------------------------------- */

enum { NKEYS = 3000 };
static char names[NKEYS][16];

static void make_names(void) {
    for (int i = 0; i < NKEYS; i++) snprintf(names[i], sizeof names[i], "key%d", i);
}

TEST(hashmap_basic) {
    hashmap *m = hm_new(0);
    int64_t v = 0;
    CHECK_EQ_INT(hm_put(m, "a", 1), 1);
    CHECK_EQ_INT(hm_put(m, "a", 2), 0);
    CHECK_EQ_INT(hm_get(m, "a", &v), 1);
    CHECK_EQ_INT(v, 2);
    CHECK_EQ_INT(hm_get(m, "b", &v), 0);
    CHECK_EQ_INT(hm_remove(m, "a"), 1);
    CHECK_EQ_INT(hm_remove(m, "a"), 0);
    CHECK_EQ_INT(hm_size(m), 0);
    hm_free(m);
}

TEST_TIMEOUT(hashmap_growth_keeps_every_key, 90) {
    make_names();
    for (size_t start = 1; start <= 64; start *= 2) {
        hashmap *m = hm_new(start);
        for (int i = 0; i < NKEYS; i++) {
            CHECK_EQ_INT(hm_put(m, names[i], i), 1);
            CHECK_EQ_INT(hm_size(m), i + 1);
        }
        for (int i = 0; i < NKEYS; i++) {
            int64_t v = -1;
            CHECK_MSG(hm_get(m, names[i], &v) == 1, "%s lost (initial capacity %zu)", names[i], start);
            CHECK_EQ_INT(v, i);
        }
        hm_free(m);
    }
}

TEST(hashmap_remove_keeps_other_keys_findable) {
    make_names();
    hashmap *m = hm_new(8);
    for (int i = 0; i < 1000; i++) hm_put(m, names[i], i);
    for (int i = 0; i < 1000; i += 3) CHECK_EQ_INT(hm_remove(m, names[i]), 1);
    for (int i = 0; i < 1000; i++) {
        int64_t v = -1;
        int want = i % 3 != 0;
        CHECK_MSG(hm_get(m, names[i], &v) == want, "%s: found=%d, want %d", names[i], !want, want);
        if (want) CHECK_EQ_INT(v, i);
    }
    CHECK_EQ_INT(hm_size(m), 666);
    hm_free(m);
}

TEST(hashmap_put_after_remove_no_duplicates) {
    make_names();
    hashmap *m = hm_new(8);
    for (int i = 0; i < 200; i++) hm_put(m, names[i], i);
    for (int i = 0; i < 200; i += 2) hm_remove(m, names[i]);
    for (int i = 1; i < 200; i += 2) CHECK_EQ_INT(hm_put(m, names[i], -i), 0); /* replace */
    CHECK_EQ_INT(hm_size(m), 100);
    for (int i = 1; i < 200; i += 2) {
        CHECK_EQ_INT(hm_remove(m, names[i]), 1);
        int64_t v;
        CHECK_MSG(hm_get(m, names[i], &v) == 0, "%s still present after remove", names[i]);
    }
    CHECK_EQ_INT(hm_size(m), 0);
    const char *keys[4];
    CHECK_EQ_INT(hm_keys(m, keys, 4), 0);
    hm_free(m);
}

TEST_TIMEOUT(hashmap_random_ops_against_model, 90) {
    make_names();
    hashmap *m = hm_new(4);
    static int64_t model[NKEYS];
    static char present[NKEYS];
    memset(present, 0, sizeof present);
    size_t live = 0;
    unsigned seed = 99;
    for (int step = 0; step < 100000; step++) {
        seed = seed * 1664525u + 1013904223u;
        int k = (int)((seed >> 8) % 700);
        int op = (int)((seed >> 24) % 3);
        int64_t v;
        if (op == 0) {
            int r = hm_put(m, names[k], step);
            CHECK_EQ_INT(r, !present[k]);
            if (!present[k]) live++;
            present[k] = 1;
            model[k] = step;
        } else if (op == 1) {
            CHECK_EQ_INT(hm_remove(m, names[k]), present[k]);
            if (present[k]) live--;
            present[k] = 0;
        } else {
            CHECK_MSG(hm_get(m, names[k], &v) == present[k], "step %d: %s presence wrong", step, names[k]);
            if (present[k]) CHECK_EQ_INT(v, model[k]);
        }
        CHECK_EQ_INT(hm_size(m), live);
    }
    const char **keys = malloc(sizeof *keys * 800);
    CHECK_EQ_INT(hm_keys(m, keys, 800), live);
    free(keys);
    hm_free(m);
}

TEST(hashmap_churn_does_not_fill_up) {
    /* many insert/remove cycles with few live keys must keep working (tombstones get reused or cleaned) */
    hashmap *m = hm_new(8);
    char key[32];
    static char keys[20000][16];
    for (int i = 0; i < 20000; i++) {
        snprintf(keys[i], sizeof keys[i], "c%d", i);
        CHECK_EQ_INT(hm_put(m, keys[i], i), 1);
        if (i >= 3) CHECK_EQ_INT(hm_remove(m, keys[i - 3]), 1);
    }
    CHECK_EQ_INT(hm_size(m), 3);
    int64_t v;
    snprintf(key, sizeof key, "c%d", 19999);
    CHECK_EQ_INT(hm_get(m, key, &v), 1);
    CHECK_EQ_INT(v, 19999);
    CHECK_EQ_INT(hm_get(m, "c19996", &v), 0);
    hm_free(m);
}

/* ---- the store ---------------------------------------------------------------------------------- */

TEST(kv_basic_commands) {
    kvstore *kv = kv_new();
    EXPECT(kv, "GET a", "(nil)");
    EXPECT(kv, "SET a 5", "OK");
    EXPECT(kv, "GET a", "5");
    EXPECT(kv, "SET a -7", "OK");
    EXPECT(kv, "GET a", "-7");
    EXPECT(kv, "INCR a 10", "3");
    EXPECT(kv, "INCR b -2", "-2");
    EXPECT(kv, "COUNT", "2");
    EXPECT(kv, "KEYS", "a b");
    EXPECT(kv, "DEL a", "1");
    EXPECT(kv, "DEL a", "0");
    EXPECT(kv, "COUNT", "1");
    EXPECT(kv, "  GET   b  ", "-2");
    kv_free(kv);
}

TEST(kv_large_values) {
    kvstore *kv = kv_new();
    EXPECT(kv, "SET big 5000000000", "OK");
    EXPECT(kv, "GET big", "5000000000");
    EXPECT(kv, "SET max 9223372036854775807", "OK");
    EXPECT(kv, "GET max", "9223372036854775807");
    EXPECT(kv, "SET min -9223372036854775808", "OK");
    EXPECT(kv, "GET min", "-9223372036854775808");
    EXPECT(kv, "INCR big 3000000000", "8000000000");
    kv_free(kv);
}

TEST(kv_errors) {
    kvstore *kv = kv_new();
    CHECK_EQ_INT(kv_exec(kv, "SET a 9223372036854775808", reply, sizeof reply), -1);
    CHECK(strncmp(reply, "ERR", 3) == 0);
    CHECK_EQ_INT(kv_exec(kv, "SET a 12x", reply, sizeof reply), -1);
    CHECK_EQ_INT(kv_exec(kv, "SET a", reply, sizeof reply), -1);
    CHECK_EQ_INT(kv_exec(kv, "SET a 1 2", reply, sizeof reply), -1);
    CHECK_EQ_INT(kv_exec(kv, "SET a/b 1", reply, sizeof reply), -1);
    CHECK_EQ_INT(kv_exec(kv, "FLY a", reply, sizeof reply), -1);
    CHECK_EQ_INT(kv_exec(kv, "", reply, sizeof reply), -1);
    CHECK_EQ_INT(kv_exec(kv, "SET m 9223372036854775807", reply, sizeof reply), 0);
    CHECK_EQ_INT(kv_exec(kv, "INCR m 1", reply, sizeof reply), -1);
    EXPECT(kv, "GET m", "9223372036854775807");
    EXPECT(kv, "COUNT", "1");
    kv_free(kv);
}

TEST(kv_keys_of_every_length_are_intact) {
    kvstore *kv = kv_new();
    char cmd[512], want[200 * 201];
    size_t o = 0;
    const char *alpha = "abcdefghijklmnopqrstuvwxyz";
    for (int len = 1; len <= 200; len++) {
        char key[256];
        for (int i = 0; i < len; i++) key[i] = alpha[(len + i) % 26];
        key[len] = '\0';
        snprintf(cmd, sizeof cmd, "SET %s %d", key, len);
        EXPECT(kv, cmd, "OK");
    }
    for (int len = 1; len <= 200; len++) {
        char key[256];
        for (int i = 0; i < len; i++) key[i] = alpha[(len + i) % 26];
        key[len] = '\0';
        snprintf(cmd, sizeof cmd, "GET %s", key);
        snprintf(want, sizeof want, "%d", len);
        EXPECT(kv, cmd, want);
    }
    /* KEYS must list exactly those strings */
    ex(kv, "KEYS");
    size_t words = 1;
    for (const char *p = reply; *p; p++) words += *p == ' ';
    CHECK_EQ_INT(words, 200);
    CHECK_EQ_INT(strlen(reply), 200 * 201 / 2 + 199);
    (void)o;
    kv_free(kv);
}

TEST(kv_delete_heavy_session) {
    kvstore *kv = kv_new();
    char cmd[64], want[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(cmd, sizeof cmd, "SET user:%d %d", i, i * 10);
        EXPECT(kv, cmd, "OK");
    }
    for (int i = 0; i < 2000; i += 2) {
        snprintf(cmd, sizeof cmd, "DEL user:%d", i);
        EXPECT(kv, cmd, "1");
    }
    for (int i = 0; i < 2000; i++) {
        snprintf(cmd, sizeof cmd, "GET user:%d", i);
        if (i % 2)
            snprintf(want, sizeof want, "%d", i * 10);
        else
            snprintf(want, sizeof want, "(nil)");
        EXPECT(kv, cmd, want);
    }
    for (int i = 1; i < 2000; i += 2) {
        snprintf(cmd, sizeof cmd, "INCR user:%d 1", i);
        snprintf(want, sizeof want, "%d", i * 10 + 1);
        EXPECT(kv, cmd, want);
    }
    EXPECT(kv, "COUNT", "1000");
    for (int i = 0; i < 2000; i += 2) {
        snprintf(cmd, sizeof cmd, "SET user:%d 0", i);
        EXPECT(kv, cmd, "OK");
    }
    EXPECT(kv, "COUNT", "2000");
    kv_free(kv);
}

TEST(kv_keys_sorted_after_churn) {
    kvstore *kv = kv_new();
    char cmd[64];
    for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 40; i++) {
            snprintf(cmd, sizeof cmd, "SET k%02d %d", i, round);
            ex(kv, cmd);
        }
        for (int i = 0; i < 40; i++) {
            if (i % 10 == 3) continue;
            snprintf(cmd, sizeof cmd, "DEL k%02d", i);
            EXPECT(kv, cmd, "1");
        }
    }
    EXPECT(kv, "KEYS", "k03 k13 k23 k33");
    EXPECT(kv, "COUNT", "4");
    EXPECT(kv, "GET k13", "49");
    kv_free(kv);
}
