/* Hidden tests: the ckalgo.h descriptors and registry, and the name-based API going through it.
 * Each test runs in its own process, so registrations never leak from one test to another. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "checksum.h"
#include "ckalgo.h"
#include "/opt/harness/include/tinytest.h"
#include "verify.h"

/* xor8: XOR of all bytes. */
static void xor8_init(uint32_t st[2]) { st[0] = 0; }
static void xor8_update(uint32_t st[2], const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) st[0] ^= p[i];
}
static uint32_t xor8_final(const uint32_t st[2]) { return st[0]; }
static const ck_algo xor8 = {"xor8", 8, xor8_init, xor8_update, xor8_final};

/* count: number of bytes (w[0]) and number of update calls (w[1]); init does nothing at all. */
static void count_init(uint32_t st[2]) { (void)st; }
static void count_update(uint32_t st[2], const unsigned char *p, size_t n) {
    (void)p;
    st[0] += (uint32_t)n;
    st[1] += 1;
}
static uint32_t count_final(const uint32_t st[2]) { return st[0]; }
static uint32_t calls_final(const uint32_t st[2]) { return st[1]; }

/* const-ish finals to check masking to the digest width. */
static uint32_t big_final(const uint32_t st[2]) { return 0x12345u + st[0]; }
static uint32_t huge_final(const uint32_t st[2]) { return 0xFFFFFFFFu - st[0]; }

static ck_algo make(const char *name, unsigned bits) {
    ck_algo a = {name, bits, xor8_init, xor8_update, xor8_final};
    return a;
}

static uint32_t run_direct(const ck_algo *a, const char *text) {
    uint32_t w[2] = {0, 0};
    a->init(w);
    a->update(w, (const unsigned char *)text, strlen(text));
    return a->final(w);
}

TEST(builtin_descriptors) {
    CHECK_EQ_STR(ck_crc32.name, "crc32");
    CHECK_EQ_INT(ck_crc32.bits, 32);
    CHECK_EQ_STR(ck_adler32.name, "adler32");
    CHECK_EQ_INT(ck_adler32.bits, 32);
    CHECK_EQ_STR(ck_fnv1a32.name, "fnv1a32");
    CHECK_EQ_INT(ck_fnv1a32.bits, 32);
    CHECK_EQ_STR(ck_fletcher16.name, "fletcher16");
    CHECK_EQ_INT(ck_fletcher16.bits, 16);
    CHECK_EQ_STR(ck_sum8.name, "sum8");
    CHECK_EQ_INT(ck_sum8.bits, 8);
}

TEST(builtin_function_pointers_work_directly) {
    CHECK_EQ_INT(run_direct(&ck_crc32, "123456789"), 0xcbf43926u);
    CHECK_EQ_INT(run_direct(&ck_adler32, "Wikipedia"), 0x11e60398u);
    CHECK_EQ_INT(run_direct(&ck_fnv1a32, "foobar"), 0xbf9cf968u);
    CHECK_EQ_INT(run_direct(&ck_fletcher16, "abcde"), 0xc8f0u);
    CHECK_EQ_INT(run_direct(&ck_sum8, "abc"), 0x26u);
    CHECK_EQ_INT(run_direct(&ck_crc32, ""), 0);
    CHECK_EQ_INT(run_direct(&ck_adler32, ""), 1);
    CHECK_EQ_INT(run_direct(&ck_fnv1a32, ""), 0x811c9dc5u);
}

TEST(builtin_update_is_incremental) {
    uint32_t w[2] = {0, 0};
    ck_adler32.init(w);
    ck_adler32.update(w, (const unsigned char *)"Wiki", 4);
    ck_adler32.update(w, (const unsigned char *)"pedia", 5);
    CHECK_EQ_INT(ck_adler32.final(w), 0x11e60398u);
    uint32_t v[2] = {0, 0};
    ck_crc32.init(v);
    ck_crc32.update(v, (const unsigned char *)"1234", 4);
    ck_crc32.update(v, (const unsigned char *)"56789", 5);
    CHECK_EQ_INT(ck_crc32.final(v), 0xcbf43926u);
    CHECK_EQ_INT(ck_crc32.final(v), 0xcbf43926u);
}

TEST(initial_registry) {
    CHECK_EQ_INT(ck_algo_count(), 5);
    CHECK(ck_algo_at(0) == &ck_crc32);
    CHECK(ck_algo_at(1) == &ck_adler32);
    CHECK(ck_algo_at(2) == &ck_fnv1a32);
    CHECK(ck_algo_at(3) == &ck_fletcher16);
    CHECK(ck_algo_at(4) == &ck_sum8);
    CHECK(ck_algo_at(5) == NULL);
    CHECK(ck_algo_at((size_t)-1) == NULL);
    CHECK_EQ_INT(CK_MAX_ALGOS, 32);
    CHECK_EQ_INT(CK_NAME_MAX, 15);
}

TEST(find_builtins) {
    CHECK(ck_find("crc32") == &ck_crc32);
    CHECK(ck_find("CRC32") == &ck_crc32);
    CHECK(ck_find("Adler32") == &ck_adler32);
    CHECK(ck_find("fnv1a32") == &ck_fnv1a32);
    CHECK(ck_find("FLETCHER16") == &ck_fletcher16);
    CHECK(ck_find("sUm8") == &ck_sum8);
    CHECK(ck_find("adler") == NULL);
    CHECK(ck_find("crc32 ") == NULL);
    CHECK(ck_find("crc32x") == NULL);
    CHECK(ck_find("") == NULL);
    CHECK(ck_find(NULL) == NULL);
}

TEST(init_records_the_descriptor) {
    ck_state st;
    CHECK_EQ_INT(ck_init(&st, "Fletcher16"), 0);
    CHECK(st.algo == &ck_fletcher16);
    CHECK_EQ_INT(ck_init(&st, "crc32"), 0);
    CHECK(st.algo == &ck_crc32);
    CHECK_EQ_INT(sizeof st.w / sizeof st.w[0], 2);
}

TEST(init_with_unregistered_descriptor) {
    ck_state st;
    char hex[8];
    CHECK_EQ_INT(ck_init_with(&st, &xor8), 0);
    CHECK(st.algo == &xor8);
    ck_update(&st, "\x0f\xf0\x01", 3);
    CHECK_EQ_INT(ck_value(&st), 0xfe);
    CHECK_EQ_INT(ck_hex(&st, hex, sizeof hex), 2);
    CHECK_EQ_STR(hex, "fe");
    CHECK(ck_find("xor8") == NULL); /* using it did not register it */
    CHECK_EQ_INT(ck_algo_count(), 5);
    CHECK_EQ_INT(ck_compute("xor8", "a", 1, hex, sizeof hex), -1);
}

TEST(init_with_builtin_descriptor) {
    ck_state st;
    CHECK_EQ_INT(ck_init_with(&st, &ck_adler32), 0);
    ck_update(&st, "Wikipedia", 9);
    CHECK_EQ_INT(ck_value(&st), 0x11e60398u);
}

TEST(init_with_null) {
    ck_state st;
    CHECK_EQ_INT(ck_init_with(&st, NULL), -1);
    CHECK_EQ_INT(ck_init_with(NULL, &ck_crc32), -1);
}

TEST(init_zeroes_state_words_before_init) {
    const ck_algo count = {"count", 32, count_init, count_update, count_final};
    ck_state st;
    memset(&st, 0xAB, sizeof st);
    CHECK_EQ_INT(ck_init_with(&st, &count), 0);
    CHECK_EQ_INT(st.w[0], 0);
    CHECK_EQ_INT(st.w[1], 0);
    CHECK_EQ_INT(ck_value(&st), 0);
    ck_update(&st, "abc", 3);
    ck_update(&st, "de", 2);
    CHECK_EQ_INT(ck_value(&st), 5);

    CHECK_EQ_INT(ck_register(&count), 0);
    memset(&st, 0xCD, sizeof st);
    CHECK_EQ_INT(ck_init(&st, "COUNT"), 0);
    CHECK_EQ_INT(ck_value(&st), 0);
    char hex[16];
    CHECK_EQ_INT(ck_compute("count", "hello", 5, hex, sizeof hex), 8);
    CHECK_EQ_STR(hex, "00000005");
}

TEST(update_is_never_called_with_zero_length) {
    const ck_algo calls = {"calls", 16, count_init, count_update, calls_final};
    ck_state st;
    CHECK_EQ_INT(ck_init_with(&st, &calls), 0);
    ck_update(&st, NULL, 0);
    ck_update(&st, "", 0);
    CHECK_EQ_INT(ck_value(&st), 0);
    ck_update(&st, "x", 1);
    ck_update(&st, "yz", 2);
    ck_update(&st, "abc", 0);
    CHECK_EQ_INT(ck_value(&st), 2);
    CHECK_EQ_INT(ck_register(&calls), 0);
    char hex[8];
    CHECK_EQ_INT(ck_compute("calls", NULL, 0, hex, sizeof hex), 4);
    CHECK_EQ_STR(hex, "0000");
    CHECK_EQ_INT(ck_compute("calls", "abcdef", 6, hex, sizeof hex), 4);
    CHECK_EQ_STR(hex, "0001");
}

TEST(register_and_use_everywhere) {
    CHECK_EQ_INT(ck_register(&xor8), 0);
    CHECK_EQ_INT(ck_algo_count(), 6);
    CHECK(ck_algo_at(5) == &xor8);
    CHECK(ck_algo_at(6) == NULL);
    CHECK(ck_find("xor8") == &xor8);
    CHECK(ck_find("XOR8") == &xor8);

    char hex[8];
    CHECK_EQ_INT(ck_compute("Xor8", "\x01\x02\x04", 3, hex, sizeof hex), 2);
    CHECK_EQ_STR(hex, "07");
    CHECK_EQ_INT(ck_compute("xor8", "", 0, hex, sizeof hex), 2);
    CHECK_EQ_STR(hex, "00");
    CHECK_EQ_INT(ck_compute("xor8", "ab", 2, hex, 2), -2);

    ck_state st;
    CHECK_EQ_INT(ck_init(&st, "xor8"), 0);
    CHECK(st.algo == &xor8);
    ck_update(&st, "A", 1);
    ck_update(&st, "a", 1);
    CHECK_EQ_INT(ck_value(&st), 0x20);

    CHECK_EQ_INT(ck_verify("xor8:20", "Aa", 2), 1);
    CHECK_EQ_INT(ck_verify("XOR8:21", "Aa", 2), 0);
    CHECK_EQ_INT(ck_verify("xor8:020", "Aa", 2), -2);
    CHECK_EQ_INT(ck_verify("xor8:2", "Aa", 2), -2);

    const char *names[8] = {0};
    CHECK_EQ_INT(ck_list(names, 8), 6);
    CHECK_EQ_STR(names[0], "crc32");
    CHECK_EQ_STR(names[5], "xor8");
    CHECK(names[6] == NULL);

    /* the built-ins are untouched */
    CHECK_EQ_INT(ck_compute("crc32", "123456789", 9, hex, sizeof hex), -2);
    char wide[16];
    CHECK_EQ_INT(ck_compute("crc32", "123456789", 9, wide, sizeof wide), 8);
    CHECK_EQ_STR(wide, "cbf43926");
}

TEST(registry_keeps_the_callers_pointer) {
    static ck_algo own = {"mine", 8, xor8_init, xor8_update, xor8_final};
    CHECK_EQ_INT(ck_register(&own), 0);
    CHECK(ck_find("mine") == &own);
    CHECK(ck_find("MINE") == &own);
    CHECK(ck_algo_at(5) == &own);
    ck_state st;
    CHECK_EQ_INT(ck_init(&st, "mine"), 0);
    CHECK(st.algo == &own);
    const char *names[6] = {0};
    CHECK_EQ_INT(ck_list(names, 6), 6);
    CHECK(names[5] == own.name);
}

TEST(value_is_masked_to_width) {
    const ck_algo b16 = {"big16", 16, xor8_init, xor8_update, big_final};
    const ck_algo b8 = {"big8", 8, xor8_init, xor8_update, big_final};
    const ck_algo h32 = {"huge32", 32, xor8_init, xor8_update, huge_final};
    ck_state st;
    char hex[16];
    CHECK_EQ_INT(ck_init_with(&st, &b16), 0);
    CHECK_EQ_INT(ck_value(&st), 0x2345);
    CHECK_EQ_INT(ck_hex(&st, hex, sizeof hex), 4);
    CHECK_EQ_STR(hex, "2345");
    CHECK_EQ_INT(ck_init_with(&st, &b8), 0);
    ck_update(&st, "\x01", 1);
    CHECK_EQ_INT(ck_value(&st), 0x46);
    CHECK_EQ_INT(ck_hex(&st, hex, sizeof hex), 2);
    CHECK_EQ_STR(hex, "46");
    CHECK_EQ_INT(ck_init_with(&st, &h32), 0);
    CHECK_EQ_INT(ck_value(&st), 0xFFFFFFFFu);
    CHECK_EQ_INT(ck_hex(&st, hex, sizeof hex), 8);
    CHECK_EQ_STR(hex, "ffffffff");

    CHECK_EQ_INT(ck_register(&b16), 0);
    CHECK_EQ_INT(ck_verify("big16:2345", "", 0), 1);
    CHECK_EQ_INT(ck_verify("big16:00012345", "", 0), -2);
    CHECK_EQ_INT(ck_verify("big16:12345", "", 0), -2);
}

TEST(register_rejects_invalid_descriptors) {
    ck_algo a;
    CHECK_EQ_INT(ck_register(NULL), -1);
    a = make(NULL, 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("Xor", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("XOR8", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("a b", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("a:b", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("a.b", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("x/y", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("caf\xc3\xa9", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make(" lead", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("trail\n", 8);
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("abcdefghijklmnop", 8); /* 16 characters */
    CHECK_EQ_INT(ck_register(&a), -1);
    CHECK_EQ_INT(ck_algo_count(), 5);
}

TEST(register_rejects_bad_widths_and_missing_functions) {
    static const unsigned bad_bits[] = {0, 1, 4, 7, 12, 15, 24, 31, 33, 64, 128};
    for (size_t i = 0; i < sizeof bad_bits / sizeof bad_bits[0]; i++) {
        ck_algo a = make("okname", bad_bits[i]);
        CHECK_MSG(ck_register(&a) == -1, "bits = %u was accepted", bad_bits[i]);
    }
    ck_algo a = make("okname", 8);
    a.init = NULL;
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("okname", 8);
    a.update = NULL;
    CHECK_EQ_INT(ck_register(&a), -1);
    a = make("okname", 8);
    a.final = NULL;
    CHECK_EQ_INT(ck_register(&a), -1);
    CHECK_EQ_INT(ck_algo_count(), 5);
    CHECK(ck_find("okname") == NULL);
}

TEST(register_accepts_boundary_names_and_widths) {
    static ck_algo a1, a2, a3, a4, a5;
    a1 = make("abcdefghijklmno", 8); /* 15 characters */
    a2 = make("z", 16);
    a3 = make("a-b_9", 32);
    a4 = make("0", 8);
    a5 = make("crc32-", 32);
    CHECK_EQ_INT(ck_register(&a1), 0);
    CHECK_EQ_INT(ck_register(&a2), 0);
    CHECK_EQ_INT(ck_register(&a3), 0);
    CHECK_EQ_INT(ck_register(&a4), 0);
    CHECK_EQ_INT(ck_register(&a5), 0);
    CHECK_EQ_INT(ck_algo_count(), 10);
    CHECK(ck_find("ABCDEFGHIJKLMNO") == &a1);
    CHECK(ck_find("A-B_9") == &a3);
    CHECK(ck_find("crc32-") == &a5);
    CHECK(ck_find("crc32") == &ck_crc32);
    CHECK_EQ_INT(ck_verify("abcdefghijklmno:61", "a", 1), 1);
    CHECK_EQ_INT(ck_verify("z:0061", "a", 1), 1);
    CHECK_EQ_INT(ck_verify("A-B_9:00000061", "a", 1), 1);
    char hex[16];
    CHECK_EQ_INT(ck_compute("0", "ab", 2, hex, sizeof hex), 2);
    CHECK_EQ_STR(hex, "03");
}

TEST(register_rejects_duplicates) {
    ck_algo fake_crc = make("crc32", 32);
    CHECK_EQ_INT(ck_register(&fake_crc), -2);
    CHECK_EQ_INT(ck_register(&ck_sum8), -2);
    CHECK_EQ_INT(ck_register(&xor8), 0);
    CHECK_EQ_INT(ck_register(&xor8), -2);
    ck_algo other = make("xor8", 16);
    CHECK_EQ_INT(ck_register(&other), -2);
    ck_algo invalid_dup = make("crc32", 12); /* invalid wins over duplicate */
    CHECK_EQ_INT(ck_register(&invalid_dup), -1);
    CHECK_EQ_INT(ck_algo_count(), 6);
    CHECK(ck_find("crc32") == &ck_crc32);
    CHECK(ck_find("xor8") == &xor8);
    char hex[16];
    CHECK_EQ_INT(ck_compute("crc32", "123456789", 9, hex, sizeof hex), 8);
    CHECK_EQ_STR(hex, "cbf43926");
}

TEST(registry_capacity) {
    static char names[40][16];
    static ck_algo algos[40];
    size_t n = 0;
    for (int i = 0; i < 27; i++) {
        snprintf(names[i], sizeof names[i], "c%02d", i);
        algos[i] = make(names[i], 8);
        CHECK_EQ_INT(ck_register(&algos[i]), 0);
        n++;
    }
    CHECK_EQ_INT(n, 27);
    CHECK_EQ_INT(ck_algo_count(), 32);
    snprintf(names[27], sizeof names[27], "c27");
    algos[27] = make(names[27], 8);
    CHECK_EQ_INT(ck_register(&algos[27]), -3);
    ck_algo dup = make("c05", 8);
    CHECK_EQ_INT(ck_register(&dup), -2); /* duplicate wins over full */
    ck_algo bad = make("C27", 8);
    CHECK_EQ_INT(ck_register(&bad), -1); /* invalid wins over full */
    CHECK_EQ_INT(ck_algo_count(), 32);
    CHECK(ck_find("c27") == NULL);
    CHECK(ck_find("c26") == &algos[26]);
    CHECK(ck_algo_at(31) == &algos[26]);
    CHECK(ck_algo_at(32) == NULL);
    CHECK(ck_algo_at(0) == &ck_crc32);

    const char *list[40] = {0};
    CHECK_EQ_INT(ck_list(list, 40), 32);
    CHECK_EQ_STR(list[4], "sum8");
    CHECK_EQ_STR(list[5], "c00");
    CHECK_EQ_STR(list[31], "c26");
    CHECK(list[32] == NULL);
    char hex[8];
    CHECK_EQ_INT(ck_compute("C13", "\x05\x03", 2, hex, sizeof hex), 2);
    CHECK_EQ_STR(hex, "06");
}

TEST(each_test_starts_with_builtins_only) {
    /* registrations in other tests happened in other processes */
    CHECK_EQ_INT(ck_algo_count(), 5);
    CHECK(ck_find("xor8") == NULL);
}
