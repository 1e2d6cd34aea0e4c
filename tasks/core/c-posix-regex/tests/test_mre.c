/* Hidden tests for mre: the examples and errors of REGEX.md, randomized comparison with glibc's
 * regexec (REG_EXTENDED) as the reference for leftmost-longest matching, and a linear-time bound
 * measured against the same run's smaller input. */
#define _GNU_SOURCE
#include <regex.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "/opt/harness/include/tinytest.h"
#include "mre.h"

static void expect_match(const char *pat, const char *text, size_t len, long so, long eo) {
    mre *re = NULL;
    int rc = mre_compile(pat, &re);
    CHECK_MSG(rc == MRE_OK, "mre_compile(\"%s\") returned %d", pat, rc);
    CHECK(re != NULL);
    size_t s = 999999, e = 999999;
    int m = mre_search(re, text, len, &s, &e);
    if (so < 0) {
        CHECK_MSG(m == 0, "/%s/ on \"%.*s\": expected no match, got %d [%zu,%zu)", pat, (int)len,
                  text, m, s, e);
    } else {
        CHECK_MSG(m == 1 && (long)s == so && (long)e == eo,
                  "/%s/ on \"%.*s\": expected [%ld,%ld), got %d [%zu,%zu)", pat, (int)len, text, so,
                  eo, m, s, e);
    }
    mre_free(re);
}

#define M(pat, text, so, eo) expect_match(pat, text, strlen(text), so, eo)

static void expect_error(const char *pat) {
    mre *re = (mre *)1;
    int rc = mre_compile(pat, &re);
    CHECK_MSG(rc == MRE_ESYNTAX, "mre_compile(\"%s\"): expected MRE_ESYNTAX, got %d", pat, rc);
    CHECK_MSG(re == NULL, "mre_compile(\"%s\") failed but left *out set", pat);
}

TEST(spec_examples) {
    M("a|ab", "abc", 0, 2);
    M("(a|ab)(c|bcd)", "abcd", 0, 4);
    M("x*", "abc", 0, 0);
    M("(a|ab)(bc|c)", "abc", 0, 3);
    M("(wee|week)(knights|night)", "weeknights", 0, 10);
    M("(a*)(ab)*b", "aabb", 0, 4);
}

TEST(longest_not_first_alternative) {
    M("b|bc|bcd", "xbcdx", 1, 4);
    M("(b|bc)(d|cde)?", "abcde", 1, 5);
    M("a(b|bcd|bc)*", "abcdbcbbcd", 0, 10);
    M("(a|ab|abc)(cd|d|bcd)", "abcd", 0, 4);
    M("(ab|a)(bcd|c)?", "abcd", 0, 4);
    M("(x|xy)(yz|z)", "xyz", 0, 3);
    M("a*?", "aaa", 0, 3);
    M("(a?)+b", "aab", 0, 3);
    M("c(a|b)*?", "cabab", 0, 5);
}

TEST(leftmost_beats_longer) {
    M("bcdef|ab", "abcdef", 0, 2);
    M("cd+|b", "abcddd", 1, 2);
    M("z|y+", "xyyyz", 1, 4);
}

TEST(anchors) {
    M("^a", "aa", 0, 1);
    M("^b", "ab", -1, -1);
    M("a$", "aa", 1, 2);
    M("^$", "", 0, 0);
    M("^$", "a", -1, -1);
    M("$", "abc", 3, 3);
    M("a|^b", "cba", 2, 3);
    M("(^a|b)+", "aab", 0, 1);
    M("a^b", "ab", -1, -1);
    M("a$b", "ab", -1, -1);
    M("(a$|ab)", "ab", 0, 2);
    M("x*$", "abxx", 2, 4);
    M("(^|c)a", "bca", 1, 3);
}

TEST(brackets) {
    M("[abc]+", "xxcabx", 2, 5);
    M("[^abc]+", "abxyzc", 2, 5);
    M("[]a]+", "b]a]b", 1, 4);
    M("[^]a]+", "]]xy]", 2, 4);
    M("[a-]+", "x-a-y", 1, 4);
    M("[-a]+", "x-a-y", 1, 4);
    M("[a-c-]+", "d-bcd", 1, 4);
    M("[0-9]+", "ab123c", 2, 5);
    M("[.*]+", "a*.b", 1, 3);
    M("[\\]+", "a\\\\b", 1, 3);
    M("[\\n]+", "ann\\x", 1, 4);
    M("[a-a]", "bab", 1, 2);
    M("[^a]", "aaa", -1, -1);
}

TEST(escapes_and_dot) {
    M("a\\.b", "axb a.b", 4, 7);
    M("\\*+", "a***b", 1, 4);
    M("\\(a\\)", "(a)", 0, 3);
    M("\\\\", "a\\b", 1, 2);
    M("\\|", "a|b", 1, 2);
    M("a.c", "abcadc", 0, 3);
    M(".*", "abc", 0, 3);
    M("\\{", "a{", 1, 2);
    M("a}", "a}", 0, 2);
}

TEST(intervals) {
    M("a{2}", "aaaa", 0, 2);
    M("a{2,}", "baaaa", 1, 5);
    M("a{2,3}", "aaaaa", 0, 3);
    M("a{0}b", "aab", 2, 3);
    M("(ab){1,2}c", "abababc", 2, 7);
    M("a{3}", "aa", -1, -1);
    M("(a|b){2,}", "xabbay", 1, 5);
    M("a{0,}", "aaa", 0, 3);
    M("a{1,1}b", "aab", 1, 3);
    M("(a{2}){2}", "aaaaa", 0, 4);
    M("x{0,255}", "xxx", 0, 3);
}

TEST(stacked_repetition) {
    M("a*+", "aaa", 0, 3);
    M("(ab)?{2}", "ababab", 0, 4);
    M("a+?b", "aab", 0, 3);
    M("(a*)*b", "aab", 0, 3);
    M("(a*)+$", "baa", 1, 3);
    M("(a*)+$", "ba", 1, 2);
    M("(a*)+b", "cb", 1, 2);
    M("(a|b)*{2}c", "abc", 0, 3);
}

TEST(text_with_nul_bytes) {
    expect_match("a.b", "xa\0b", 4, 1, 4);
    expect_match("b+", "a\0bb\0", 5, 2, 4);
    expect_match("[^a]+", "aa\0\0a", 5, 2, 4);
    expect_match("c$", "c\0", 2, -1, -1);
    expect_match("\\0", "a0", 2, 1, 2);
    expect_match("x*", "", 0, 0, 0);
}

TEST(syntax_errors) {
    const char *bad[] = {"",     "(",     ")",     "a)",     "(a",     "((a)",   "[",      "[a",
                         "[]",   "[^]",   "[z-a]", "a\\",    "*a",     "+a",     "?",      "{1}",
                         "(*a)", "a|*b",  "^*",    "^+",     "a|",     "|a",     "(|a)",   "a||b",
                         "()",   "a{",    "a{1",   "a{1,",   "a{,2}",  "a{2,1}", "a{x}",   "a{256}",
                         "a{1,256}", "a{1a}", "a{-1}", "(a|)", "a(|b)", "^{2}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) expect_error(bad[i]);
}

TEST(valid_patterns_compile) {
    const char *good[] = {"a",   "^",    "$",    "^$",   "a{0}",  "a{255}", "a{0,255}", "[]]",
                          "[^]]", "[a-]", "}",   "a}",   "\\{",   "$*",     "(^a)",     "a|^b",
                          "((a))", "[*+?{]", "\\^*", "(a)(b)", "x{3,}"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        mre *re = NULL;
        int rc = mre_compile(good[i], &re);
        CHECK_MSG(rc == MRE_OK && re != NULL, "mre_compile(\"%s\") returned %d", good[i], rc);
        mre_free(re);
    }
}

/* ---- randomized comparison with glibc ----------------------------------------------------- */

static uint64_t rs;
static uint32_t rnd(void) {
    rs = rs * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rs >> 33);
}

typedef struct {
    char s[256];
    size_t n;
} sbuf;

static void sput(sbuf *b, const char *t) {
    size_t l = strlen(t);
    if (b->n + l < sizeof b->s) {
        memcpy(b->s + b->n, t, l);
        b->n += l;
        b->s[b->n] = 0;
    }
}

static void gen_alt(sbuf *b, int depth);

static void gen_atom(sbuf *b, int depth, int *repeatable) {
    *repeatable = 1;
    uint32_t r = rnd() % 100;
    static const char *lits[] = {"a", "b", "c", "a", "b"};
    static const char *sets[] = {"[ab]", "[^a]", "[a-c]", "[]a]", "[^]b]", "[b-]", "[c-]"};
    if (r < 50) sput(b, lits[rnd() % 5]);
    else if (r < 58) sput(b, ".");
    else if (r < 68) sput(b, sets[rnd() % 7]);
    else if (r < 74) sput(b, "c");
    else if (depth < 3) {
        sput(b, "(");
        gen_alt(b, depth + 1);
        sput(b, ")");
    } else sput(b, "b");
}

static void gen_piece(sbuf *b, int depth) {
    int rep;
    gen_atom(b, depth, &rep);
    if (!rep) return;
    uint32_t r = rnd() % 100;
    char tmp[16];
    if (r < 18) sput(b, "*");
    else if (r < 28) sput(b, "+");
    else if (r < 38) sput(b, "?");
    else if (r < 44) {
        unsigned m = rnd() % 3, n = m + rnd() % 3;
        int form = (int)(rnd() % 3);
        if (form == 0) snprintf(tmp, sizeof tmp, "{%u}", m);
        else if (form == 1) snprintf(tmp, sizeof tmp, "{%u,}", m);
        else snprintf(tmp, sizeof tmp, "{%u,%u}", m, n);
        sput(b, tmp);
    }
}

static void gen_cat(sbuf *b, int depth) {
    int n = 1 + (int)(rnd() % 4);
    for (int i = 0; i < n; i++) gen_piece(b, depth);
}

/* glibc mishandles anchors inside repeated groups, so the random patterns have them only at the
 * ends of top-level alternatives (the explicit tests above cover the rest). */
static void gen_alt(sbuf *b, int depth) {
    for (int first = 1; first || rnd() % 100 < 30; first = 0) {
        if (!first) sput(b, "|");
        int anchors = depth == 0 ? (int)(rnd() % 6) : 0;
        if (anchors == 1 || anchors == 3) sput(b, "^");
        gen_cat(b, depth);
        if (anchors == 2 || anchors == 3) sput(b, "$");
    }
}

static void compare_random(uint64_t seed, int patterns, int texts) {
    rs = seed;
    for (int pi = 0; pi < patterns; pi++) {
        sbuf pat = {{0}, 0};
        gen_alt(&pat, 0);
        regex_t ref;
        if (regcomp(&ref, pat.s, REG_EXTENDED) != 0) continue; /* glibc refuses: skip */
        mre *re = NULL;
        int rc = mre_compile(pat.s, &re);
        CHECK_MSG(rc == MRE_OK, "mre_compile(\"%s\") returned %d", pat.s, rc);
        for (int ti = 0; ti < texts; ti++) {
            char text[24];
            size_t len = rnd() % 13;
            for (size_t i = 0; i < len; i++) text[i] = "abcab]-d"[rnd() % 8];
            text[len] = 0;
            regmatch_t pm[1];
            int rm = regexec(&ref, text, 1, pm, 0) == 0;
            size_t so = 999, eo = 999;
            int m = mre_search(re, text, len, &so, &eo);
            if (rm) {
                CHECK_MSG(m == 1 && so == (size_t)pm[0].rm_so && eo == (size_t)pm[0].rm_eo,
                          "/%s/ on \"%s\": POSIX gives [%d,%d), got %d [%zu,%zu)", pat.s, text,
                          (int)pm[0].rm_so, (int)pm[0].rm_eo, m, so, eo);
            } else {
                CHECK_MSG(m == 0, "/%s/ on \"%s\": POSIX gives no match, got [%zu,%zu)", pat.s, text,
                          so, eo);
            }
        }
        mre_free(re);
        regfree(&ref);
    }
}

TEST(random_vs_posix_1) { compare_random(1, 400, 25); }
TEST(random_vs_posix_2) { compare_random(2, 400, 25); }
TEST(random_vs_posix_3) { compare_random(3, 400, 25); }
TEST(random_vs_posix_4) { compare_random(4, 400, 25); }
TEST(random_vs_posix_5) { compare_random(5, 400, 25); }
TEST(random_vs_posix_6) { compare_random(6, 400, 25); }

/* ---- linear time ------------------------------------------------------------------------- */

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void too_slow(int sig) {
    (void)sig;
    static const char msg[] = "the longer text took far more than linear CPU time\n";
    if (tinytest_result_fd_ >= 0) tinytest_write_all_(tinytest_result_fd_, msg, sizeof msg - 1);
    _exit(1);
}

/* CPU seconds for reps searches of pat in text. */
static double timed(const mre *re, const char *text, size_t len, int reps, long want_so) {
    double t0 = cpu_now();
    for (int r = 0; r < reps; r++) {
        size_t so = 0, eo = 0;
        int m = mre_search(re, text, len, &so, &eo);
        CHECK_MSG(m == (want_so >= 0) && (want_so < 0 || (long)so == want_so),
                  "wrong result on a text of %zu bytes", len);
    }
    return cpu_now() - t0;
}

static void scaling_case(const char *pat, char fillc, const char *tail, long want_so_fn) {
    mre *re = NULL;
    CHECK_EQ_INT(mre_compile(pat, &re), MRE_OK);
    const size_t small = 4000, factor = 8;
    size_t big = small * factor;
    char *text = malloc(big + 16);
    CHECK(text != NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = too_slow;
    sigaction(SIGPROF, &sa, NULL);
    /* the small text first, with a generous cap (a backtracking engine never finishes) */
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = 2;
    setitimer(ITIMER_PROF, &it, NULL);
    memset(text, fillc, small);
    strcpy(text + small, tail);
    size_t slen = small + strlen(tail);
    long want_small = want_so_fn == -2 ? (long)small - 1 : want_so_fn;
    double ts = 1e9;
    for (int r = 0; r < 3; r++) {
        double t = timed(re, text, slen, 20, want_small);
        if (t < ts) ts = t;
    }
    double budget = ts * (double)factor * 3 + 0.02;
    memset(text, fillc, big);
    strcpy(text + big, tail);
    size_t blen = big + strlen(tail);
    long want_big = want_so_fn == -2 ? (long)big - 1 : want_so_fn;
    double lim = budget + 0.25;
    if (lim > 3) lim = 3; /* 30 times what a linear engine needs */
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)lim;
    it.it_value.tv_usec = (suseconds_t)((lim - (double)(time_t)lim) * 1e6);
    setitimer(ITIMER_PROF, &it, NULL);
    double tl = 1e9;
    for (int r = 0; r < 2; r++) {
        double t = timed(re, text, blen, 20, want_big);
        if (t < tl) tl = t;
    }
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_PROF, &it, NULL);
    CHECK_MSG(tl <= budget, "/%s/: %zu bytes %.4fs, %zu bytes %.4fs CPU (allowed %.4fs)", pat,
              slen, ts, blen, tl, budget);
    free(text);
    mre_free(re);
}

TEST_TIMEOUT(linear_nested_alternation, 120) { scaling_case("(a|aa)*b", 'a', "", -1); }
TEST_TIMEOUT(linear_nested_star, 120) { scaling_case("(a*)*b", 'a', "", -1); }
TEST_TIMEOUT(linear_no_match_restarts, 120) { scaling_case("a*b", 'a', "c", -1); }
TEST_TIMEOUT(linear_late_match, 120) { scaling_case("(x+x+)+y", 'x', "y", 0); }
TEST_TIMEOUT(linear_anchor_at_end, 120) { scaling_case("b[ab]*c$|ab", 'a', "bc", -2); }
