#include <stdlib.h>
#include <string.h>

#include "pathnorm.h"
#include "/opt/harness/include/tinytest.h"

static void norm(const char *in, const char *want) {
    char *got = path_normalize(in);
    CHECK_MSG(got != NULL, "path_normalize(\"%s\") returned NULL", in);
    CHECK_MSG(strcmp(got, want) == 0, "path_normalize(\"%s\") gave \"%s\", want \"%s\"", in, got, want);
    free(got);
}

static void resolve(const char *base, const char *rel, const char *want) {
    char *got = path_resolve(base, rel);
    CHECK_MSG(got != NULL, "path_resolve(\"%s\", \"%s\") returned NULL", base, rel);
    CHECK_MSG(strcmp(got, want) == 0, "path_resolve(\"%s\", \"%s\") gave \"%s\", want \"%s\"", base, rel,
              got, want);
    free(got);
}

TEST(already_normal) {
    norm("a", "a");
    norm("a/b/c", "a/b/c");
    norm("/usr/local/bin", "/usr/local/bin");
    norm("/", "/");
    norm(".", ".");
    norm("..", "..");
}

TEST(empty_is_dot) { norm("", "."); }

TEST(repeated_slashes) {
    norm("a//b", "a/b");
    norm("a///b////c", "a/b/c");
    norm("//x", "/x");
    norm("///", "/");
    norm("////a//", "/a");
}

TEST(trailing_slashes) {
    norm("a/b/", "a/b");
    norm("a/b///", "a/b");
    norm("/a/", "/a");
    norm("a/", "a");
}

TEST(dot_components) {
    norm("./a/./b/.", "a/b");
    norm("./", ".");
    norm("/.", "/");
    norm("/./././", "/");
    norm("././.", ".");
    norm("a/.", "a");
}

TEST(dotdot_removes_previous) {
    norm("a/b/../c", "a/c");
    norm("a/b/c/../../d", "a/d");
    norm("/a/b/..", "/a");
    norm("a/..", ".");
    norm("/a/..", "/");
    norm("a/b/../..", ".");
}

TEST(dotdot_above_root_dropped) {
    norm("/..", "/");
    norm("/../x", "/x");
    norm("/../../x/../y", "/y");
    norm("/a/../../b", "/b");
    norm("//../", "/");
}

TEST(dotdot_relative_kept) {
    norm("../x", "../x");
    norm("a/../../b", "../b");
    norm("../../a/..", "../..");
    norm("../..", "../..");
    norm("./../.", "..");
    norm("a/../..", "..");
    norm("../a/b/../../..", "../..");
    norm("x/y/../../../../z", "../../z");
}

TEST(names_that_look_like_dots) {
    norm("...", "...");
    norm("a/.../b", "a/.../b");
    norm(".hidden/x", ".hidden/x");
    norm("a../b", "a../b");
    norm("..a/../b", "b");
    norm("a/..b", "a/..b");
    norm("./.x/..", ".");
}

TEST(spaces_and_odd_bytes_are_names) {
    norm(" a / b ", " a / b ");
    norm("a b/../c", "c");
    norm("\xc3\xa9t\xc3\xa9/./x", "\xc3\xa9t\xc3\xa9/x");
}

TEST(long_path) {
    size_t n = 5000;
    char *in = malloc(n * 5 + 2), *want = malloc(n * 2 + 2);
    size_t o = 0, w = 0;
    in[o++] = '/';
    want[w++] = '/';
    for (size_t i = 0; i < n; i++) {
        in[o++] = 'x';
        in[o++] = '/';
        in[o++] = '/';
        if (i % 2 == 0) {
            in[o++] = '.';
        }
        in[o++] = '/';
        if (w > 1) want[w++] = '/';
        want[w++] = 'x';
    }
    in[o] = '\0';
    want[w] = '\0';
    norm(in, want);
    free(in);
    free(want);
}

TEST(long_dotdot_chain) {
    size_t n = 3000;
    char *in = malloc(n * 6 + 20);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) { memcpy(in + o, "ab/", 3); o += 3; }
    for (size_t i = 0; i < n + 2; i++) { memcpy(in + o, "../", 3); o += 3; }
    strcpy(in + o, "z");
    norm(in, "../../z");
    in[0] = '/';
    norm(in, "/z");
    free(in);
}

TEST(input_not_modified) {
    char buf[] = "a/./b/../c//";
    char *got = path_normalize(buf);
    CHECK_EQ_STR(buf, "a/./b/../c//");
    CHECK_EQ_STR(got, "a/c");
    free(got);
}

TEST(resolve_relative) {
    resolve("/usr/lib", "../bin/./sh", "/usr/bin/sh");
    resolve("/usr/lib", "x", "/usr/lib/x");
    resolve("a", "../../b", "../b");
    resolve("a/b", "c/..", "a/b");
    resolve("/", "..", "/");
    resolve("/a", "", "/a");
}

TEST(resolve_absolute_rel_ignores_base) {
    resolve("/srv", "/etc//x/", "/etc/x");
    resolve("anything/..", "/", "/");
    resolve("/base", "//a/../b", "/b");
}

TEST(resolve_empty_base) {
    resolve("", "", ".");
    resolve("", "x/y", "x/y");
    resolve("", "..", "..");
    resolve(".", "./a", "a");
}

TEST(resolve_base_needs_normalising) {
    resolve("/a//b/./", "c", "/a/b/c");
    resolve("a/b/..", "..", ".");
    resolve("../..", "../x", "../../../x");
}
