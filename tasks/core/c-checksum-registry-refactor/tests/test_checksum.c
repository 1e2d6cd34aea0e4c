#include <string.h>

#include "checksum.h"
#include "/opt/harness/include/tinytest.h"
#include "verify.h"

static const char *hex_of(const char *algo, const char *text) {
    static char buf[32];
    int n = ck_compute(algo, text, strlen(text), buf, sizeof buf);
    return n < 0 ? "(error)" : buf;
}

TEST(visible_known_vectors) {
    CHECK_EQ_STR(hex_of("crc32", "123456789"), "cbf43926");
    CHECK_EQ_STR(hex_of("adler32", "Wikipedia"), "11e60398");
    CHECK_EQ_STR(hex_of("fnv1a32", "a"), "e40c292c");
    CHECK_EQ_STR(hex_of("fletcher16", "abcde"), "c8f0");
    CHECK_EQ_STR(hex_of("sum8", "abc"), "26");
}

TEST(visible_empty_input) {
    CHECK_EQ_STR(hex_of("crc32", ""), "00000000");
    CHECK_EQ_STR(hex_of("adler32", ""), "00000001");
    CHECK_EQ_STR(hex_of("fnv1a32", ""), "811c9dc5");
}

TEST(visible_names_are_case_insensitive) {
    CHECK_EQ_STR(hex_of("CRC32", "123456789"), "cbf43926");
    char buf[16];
    CHECK_EQ_INT(ck_compute("md5", "x", 1, buf, sizeof buf), -1);
}

TEST(visible_streaming_matches_one_shot) {
    ck_state st;
    char hex[16];
    CHECK_EQ_INT(ck_init(&st, "adler32"), 0);
    ck_update(&st, "Wiki", 4);
    ck_update(&st, "pedia", 5);
    CHECK_EQ_INT(ck_hex(&st, hex, sizeof hex), 8);
    CHECK_EQ_STR(hex, "11e60398");
}

TEST(visible_list) {
    const char *names[8];
    CHECK_EQ_INT(ck_list(names, 8), 5);
    CHECK_EQ_STR(names[0], "crc32");
    CHECK_EQ_STR(names[4], "sum8");
}

TEST(visible_verify) {
    CHECK_EQ_INT(ck_verify("crc32:cbf43926", "123456789", 9), 1);
    CHECK_EQ_INT(ck_verify("crc32:CBF43926", "123456789", 9), 1);
    CHECK_EQ_INT(ck_verify("crc32:cbf43927", "123456789", 9), 0);
    CHECK_EQ_INT(ck_verify("sha1:00", "", 0), -1);
    CHECK_EQ_INT(ck_verify("crc32cbf43926", "123456789", 9), -2);
}
