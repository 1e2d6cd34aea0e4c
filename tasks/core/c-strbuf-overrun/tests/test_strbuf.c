#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "strbuf.h"
#include "/opt/harness/include/tinytest.h"

static void check_invariant(const strbuf *sb) {
    CHECK(sb->buf != NULL);
    CHECK(sb->cap >= sb->len + 1);
    CHECK_EQ_INT(sb->buf[sb->len], '\0');
    CHECK_EQ_INT(strlen(sb->buf), sb->len);
}

TEST(empty_buffer_str_is_empty_string) {
    strbuf sb = STRBUF_INIT;
    CHECK_EQ_STR(sb_str(&sb), "");
    CHECK_EQ_INT(sb.len, 0);
    sb_free(&sb);
}

TEST(append_exact_fill_sizes) {
    /* lengths around every power of two: the NUL must always fit */
    for (size_t n = 1; n <= 130; n++) {
        strbuf sb = STRBUF_INIT;
        char *s = malloc(n + 1);
        memset(s, 'a' + (int)(n % 26), n);
        s[n] = '\0';
        CHECK_EQ_INT(sb_append(&sb, s), 0);
        check_invariant(&sb);
        CHECK_EQ_STR(sb_str(&sb), s);
        free(s);
        sb_free(&sb);
    }
}

TEST(append_many_chars) {
    strbuf sb = STRBUF_INIT;
    char want[1001];
    for (int i = 0; i < 1000; i++) {
        want[i] = (char)('0' + i % 10);
        CHECK_EQ_INT(sb_append_char(&sb, want[i]), 0);
        check_invariant(&sb);
    }
    want[1000] = '\0';
    CHECK_EQ_STR(sb_str(&sb), want);
    sb_free(&sb);
}

TEST(append_n_not_terminated) {
    strbuf sb = STRBUF_INIT;
    const char raw[4] = {'w', 'x', 'y', 'z'};
    sb_append_n(&sb, raw, 4);
    sb_append_n(&sb, raw, 2);
    check_invariant(&sb);
    CHECK_EQ_STR(sb_str(&sb), "wxyzwx");
    sb_append_n(&sb, raw, 0);
    CHECK_EQ_STR(sb_str(&sb), "wxyzwx");
    sb_free(&sb);
}

TEST(appendf_keeps_every_digit_when_growing) {
    for (int pre = 0; pre < 40; pre++) {
        strbuf sb = STRBUF_INIT;
        char want[128];
        for (int i = 0; i < pre; i++) sb_append_char(&sb, '.');
        CHECK_EQ_INT(sb_appendf(&sb, "%d-%s", 1234567, "end"), 0);
        check_invariant(&sb);
        memset(want, '.', (size_t)pre);
        strcpy(want + pre, "1234567-end");
        CHECK_EQ_STR(sb_str(&sb), want);
        sb_free(&sb);
    }
}

TEST(appendf_long_output) {
    strbuf sb = STRBUF_INIT;
    char big[600];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sb_appendf(&sb, "<%s>", big);
    check_invariant(&sb);
    CHECK_EQ_INT(sb.len, 601);
    CHECK_EQ_INT(sb.buf[0], '<');
    CHECK_EQ_INT(sb.buf[600], '>');
    sb_appendf(&sb, "%s", "");
    CHECK_EQ_INT(sb.len, 601);
    sb_free(&sb);
}

TEST(appendf_into_existing_room) {
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "x");
    sb_appendf(&sb, "%d", 7);
    sb_appendf(&sb, "%c%c", 'a', 'b');
    check_invariant(&sb);
    CHECK_EQ_STR(sb_str(&sb), "x7ab");
    sb_free(&sb);
}

TEST(truncate_then_append) {
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "hello world");
    sb_truncate(&sb, 5);
    CHECK_EQ_STR(sb_str(&sb), "hello");
    sb_truncate(&sb, 50);
    CHECK_EQ_STR(sb_str(&sb), "hello");
    sb_append(&sb, "!");
    CHECK_EQ_STR(sb_str(&sb), "hello!");
    sb_free(&sb);
}

TEST(detach_returns_contents_and_resets) {
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "abc");
    char *s = sb_detach(&sb);
    CHECK_EQ_STR(s, "abc");
    CHECK(sb.buf == NULL);
    CHECK_EQ_INT(sb.len, 0);
    CHECK_EQ_STR(sb_str(&sb), "");
    free(s);
    sb_append(&sb, "again");
    CHECK_EQ_STR(sb_str(&sb), "again");
    sb_free(&sb);
}

TEST(detach_empty_gives_empty_string) {
    strbuf sb = STRBUF_INIT;
    char *s = sb_detach(&sb);
    CHECK(s != NULL);
    CHECK_EQ_STR(s, "");
    free(s);
}

TEST(free_twice_is_safe) {
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "x");
    sb_free(&sb);
    sb_free(&sb);
    CHECK_EQ_STR(sb_str(&sb), "");
}

/* ---- paths ------------------------------------------------------------------------------------ */

static void check_join(const char *const *parts, size_t n, const char *want) {
    char *got = path_join(parts, n);
    CHECK_EQ_STR(got, want);
    free(got);
}

#define JOIN(want, ...)                                                                      \
    check_join((const char *const[]){__VA_ARGS__},                                           \
               sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *), want)

TEST(join_simple) {
    JOIN("a/b/c", "a", "b", "c");
    JOIN("usr/lib", "usr/", "/lib");
    JOIN("usr/lib", "usr", "lib");
}

TEST(join_collapses_repeated_slashes) {
    JOIN("a/b", "a//", "b");
    JOIN("a/b", "a///", "///b");
    JOIN("/x/y", "//x//", "y");
}

TEST(join_leading_and_trailing) {
    JOIN("/etc/x/", "/", "etc", "x/");
    JOIN("/etc/x/", "/", "etc", "x///");
    JOIN("/etc", "/etc");
    JOIN("a/", "a", "/");
    JOIN("a/b/", "a", "b//");
}

TEST(join_skips_empty_parts) {
    JOIN("a/b", "", "a", "", "b", "");
    JOIN("/", "/");
    JOIN("/", "///");
    JOIN("/a", "", "/", "a");
}

TEST(join_nothing_is_empty_string) {
    char *s = path_join(NULL, 0);
    CHECK(s != NULL);
    CHECK_EQ_STR(s, "");
    free(s);
    JOIN("", "");
    JOIN("", "", "");
}

TEST(join_long_parts) {
    char a[100], b[100], want[202];
    memset(a, 'a', 99);
    a[99] = '\0';
    memset(b, 'b', 99);
    b[99] = '\0';
    snprintf(want, sizeof want, "%s/%s", a, b);
    JOIN(want, a, b);
    for (int len = 1; len < 70; len++) { /* the result length crosses every growth step */
        char part[80];
        memset(part, 'p', (size_t)len);
        part[len] = '\0';
        char expect[200];
        snprintf(expect, sizeof expect, "/%s/%s", part, "z");
        JOIN(expect, "/", part, "z");
    }
}

TEST(format_list_values) {
    long v[] = {1, -2, 30, 4000000000L};
    char *s = format_list(v, 4);
    CHECK_EQ_STR(s, "1, -2, 30, 4000000000");
    free(s);
    s = format_list(v, 1);
    CHECK_EQ_STR(s, "1");
    free(s);
}

TEST(format_list_empty) {
    char *s = format_list(NULL, 0);
    CHECK(s != NULL);
    CHECK_EQ_STR(s, "");
    free(s);
}

TEST(format_list_many_digits_across_growth) {
    long v[64];
    char want[2048] = "";
    size_t o = 0;
    for (int i = 0; i < 64; i++) {
        v[i] = 1000003L * i;
        o += (size_t)snprintf(want + o, sizeof want - o, i ? ", %ld" : "%ld", v[i]);
    }
    for (size_t n = 0; n <= 64; n++) {
        char *s = format_list(v, n);
        char w[2048];
        size_t k = 0;
        for (size_t i = 0; i < n; i++) k += (size_t)snprintf(w + k, sizeof w - k, i ? ", %ld" : "%ld", v[i]);
        w[k] = '\0';
        CHECK_EQ_STR(s, w);
        free(s);
    }
}

TEST(with_ext) {
    char *s = path_with_ext("dir/a.b/x.c", ".o");
    CHECK_EQ_STR(s, "dir/a.b/x.o");
    free(s);
    s = path_with_ext("dir/.profile", ".bak");
    CHECK_EQ_STR(s, "dir/.profile.bak");
    free(s);
    s = path_with_ext("archive.tar.gz", "");
    CHECK_EQ_STR(s, "archive.tar");
    free(s);
    s = path_with_ext("Makefile", ".orig");
    CHECK_EQ_STR(s, "Makefile.orig");
    free(s);
}
