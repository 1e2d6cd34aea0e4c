#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "/opt/harness/include/tinytest.h"
#include "wordfreq.h"

/* The time checks below use CPU time, not wall time, so that a busy machine does not make them
 * flaky; the wall-clock limits (TEST_TIMEOUT) only stop hopelessly slow code. */
#define CPU_LIMIT_S 8.0
#define CHECK_CPU(start)                                                                     \
    do {                                                                                     \
        double used_ = (double)(clock() - (start)) / CLOCKS_PER_SEC;                         \
        CHECK_MSG(used_ <= CPU_LIMIT_S, "too slow: %.2f s of CPU time (limit %.0f s)", used_, \
                  CPU_LIMIT_S);                                                              \
    } while (0)

static void add(wordfreq *wf, const char *s) { wf_add_text(wf, s, strlen(s)); }

TEST(empty_counter) {
    wordfreq *wf = wf_new();
    wf_entry top[2];
    CHECK_EQ_INT(wf_distinct(wf), 0);
    CHECK_EQ_INT(wf_total(wf), 0);
    CHECK_EQ_INT(wf_count(wf, "x"), 0);
    CHECK_EQ_INT(wf_top(wf, 2, top), 0);
    add(wf, "");
    add(wf, " ,.;\n\t");
    CHECK_EQ_INT(wf_total(wf), 0);
    wf_free(wf);
    wf_free(NULL);
}

TEST(separators_and_digits) {
    wordfreq *wf = wf_new();
    add(wf, "it's 2024-05-01; x86_64 & e-mail\xc3\xa9t\xc3\xa9" "caf\xe9!");
    /* it s 2024 05 01 x86 64 e mail t caf */
    CHECK_EQ_INT(wf_total(wf), 11);
    CHECK_EQ_INT(wf_count(wf, "it"), 1);
    CHECK_EQ_INT(wf_count(wf, "s"), 1);
    CHECK_EQ_INT(wf_count(wf, "2024"), 1);
    CHECK_EQ_INT(wf_count(wf, "x86"), 1);
    CHECK_EQ_INT(wf_count(wf, "mail"), 1);
    CHECK_EQ_INT(wf_count(wf, "t"), 1);
    CHECK_EQ_INT(wf_count(wf, "caf"), 1);
    CHECK_EQ_INT(wf_count(wf, "x86_64"), 0);
    wf_free(wf);
}

TEST(embedded_nul_separates) {
    wordfreq *wf = wf_new();
    wf_add_text(wf, "ab\0ab\0cd", 8);
    CHECK_EQ_INT(wf_total(wf), 3);
    CHECK_EQ_INT(wf_count(wf, "ab"), 2);
    CHECK_EQ_INT(wf_count(wf, "cd"), 1);
    wf_free(wf);
}

TEST(length_limits_the_text) {
    wordfreq *wf = wf_new();
    wf_add_text(wf, "alpha beta gamma", 8); /* "alpha be" */
    CHECK_EQ_INT(wf_count(wf, "alpha"), 1);
    CHECK_EQ_INT(wf_count(wf, "be"), 1);
    CHECK_EQ_INT(wf_count(wf, "beta"), 0);
    wf_free(wf);
}

TEST(calls_do_not_join_words) {
    wordfreq *wf = wf_new();
    add(wf, "foo");
    add(wf, "bar");
    add(wf, "FOO");
    CHECK_EQ_INT(wf_count(wf, "foobar"), 0);
    CHECK_EQ_INT(wf_count(wf, "foo"), 2);
    CHECK_EQ_INT(wf_count(wf, "fOo"), 2);
    CHECK_EQ_INT(wf_distinct(wf), 2);
    wf_free(wf);
}

TEST(long_words) {
    wordfreq *wf = wf_new();
    char *big = malloc(5001);
    memset(big, 'Q', 5000);
    big[5000] = '\0';
    add(wf, big);
    add(wf, big);
    big[4999] = 'r';
    add(wf, big);
    for (int i = 0; i < 5000; i++) big[i] = 'q';
    CHECK_EQ_INT(wf_count(wf, big), 2);
    CHECK_EQ_INT(wf_distinct(wf), 2);
    wf_entry top[1];
    CHECK_EQ_INT(wf_top(wf, 1, top), 1);
    CHECK_EQ_INT(strlen(top[0].word), 5000);
    CHECK_EQ_INT(top[0].word[0], 'q');
    free(big);
    wf_free(wf);
}

TEST(top_ties_and_k_bigger_than_distinct) {
    wordfreq *wf = wf_new();
    wf_entry top[10];
    add(wf, "pear apple fig apple Pear kiwi fig date");
    CHECK_EQ_INT(wf_top(wf, 10, top), 5);
    CHECK_EQ_STR(top[0].word, "apple");
    CHECK_EQ_INT(top[0].count, 2);
    CHECK_EQ_STR(top[1].word, "fig");
    CHECK_EQ_STR(top[2].word, "pear");
    CHECK_EQ_STR(top[3].word, "date");
    CHECK_EQ_INT(top[3].count, 1);
    CHECK_EQ_STR(top[4].word, "kiwi");
    CHECK_EQ_INT(wf_top(wf, 0, top), 0);
    CHECK_EQ_INT(wf_top(wf, 1, top), 1);
    CHECK_EQ_STR(top[0].word, "apple");
    wf_free(wf);
}

TEST(top_is_strcmp_order_for_digits) {
    wordfreq *wf = wf_new();
    wf_entry top[4];
    add(wf, "b10 b9 B1 b100");
    CHECK_EQ_INT(wf_top(wf, 4, top), 4);
    CHECK_EQ_STR(top[0].word, "b1");
    CHECK_EQ_STR(top[1].word, "b10");
    CHECK_EQ_STR(top[2].word, "b100");
    CHECK_EQ_STR(top[3].word, "b9");
    wf_free(wf);
}

TEST(top_does_not_change_counter) {
    wordfreq *wf = wf_new();
    wf_entry top[3];
    add(wf, "z y y x x x");
    wf_top(wf, 3, top);
    wf_top(wf, 3, top);
    add(wf, "z z z z");
    CHECK_EQ_INT(wf_top(wf, 3, top), 3);
    CHECK_EQ_STR(top[0].word, "z");
    CHECK_EQ_INT(top[0].count, 5);
    CHECK_EQ_STR(top[1].word, "x");
    CHECK_EQ_STR(top[2].word, "y");
    CHECK_EQ_INT(wf_count(wf, "y"), 2);
    wf_free(wf);
}

TEST(independent_counters) {
    wordfreq *a = wf_new(), *b = wf_new();
    add(a, "one two");
    add(b, "two two");
    CHECK_EQ_INT(wf_count(a, "two"), 1);
    CHECK_EQ_INT(wf_count(b, "two"), 2);
    CHECK_EQ_INT(wf_count(b, "one"), 0);
    wf_free(a);
    wf_free(b);
}

/* ---- size: these must finish well within their limits ------------------------------------------ */

enum { BIG_D = 200000 };

/* word i appears (i % 7) + 1 times; passes alternate lower and upper case */
static char *big_text(size_t *len_out) {
    size_t cap = (size_t)BIG_D * 7 * 10, o = 0;
    char *text = malloc(cap);
    for (int pass = 0; pass < 7; pass++)
        for (int j = 0; j < BIG_D; j++) {
            int i = (int)(((long)j * 7919) % BIG_D); /* a scrambled order */
            if (i % 7 + 1 > pass) o += (size_t)snprintf(text + o, cap - o, pass % 2 ? "W%d, " : "w%d ", i);
        }
    *len_out = o;
    return text;
}

TEST_TIMEOUT(big_text_counts, 90) {
    size_t len;
    char *text = big_text(&len);
    clock_t start = clock();
    wordfreq *wf = wf_new();
    wf_add_text(wf, text, len);
    CHECK_EQ_INT(wf_distinct(wf), BIG_D);
    size_t total = 0;
    for (int i = 0; i < BIG_D; i++) total += (size_t)(i % 7 + 1);
    CHECK_EQ_INT(wf_total(wf), total);
    char w[32];
    for (int i = 0; i < BIG_D; i++) {
        snprintf(w, sizeof w, i % 3 ? "w%d" : "W%d", i);
        CHECK_EQ_INT(wf_count(wf, w), i % 7 + 1);
    }
    CHECK_EQ_INT(wf_count(wf, "w200000"), 0);
    CHECK_EQ_INT(wf_count(wf, "w"), 0);
    CHECK_CPU(start);
    free(text);
    wf_free(wf);
}

TEST_TIMEOUT(big_text_top, 90) {
    size_t len;
    char *text = big_text(&len);
    clock_t start = clock();
    wordfreq *wf = wf_new();
    wf_add_text(wf, text, len);
    enum { K = 50 };
    wf_entry top[K];
    CHECK_EQ_INT(wf_top(wf, K, top), K);
    wf_entry *all = malloc(sizeof *all * BIG_D);
    CHECK_EQ_INT(wf_top(wf, BIG_D, all), BIG_D);
    CHECK_CPU(start);
    /* expected: words with count 7 (i % 7 == 6) in strcmp order; compute the K smallest */
    char want[K][16];
    int have = 0;
    for (int i = 6; i < BIG_D; i += 7) {
        char w[16];
        snprintf(w, sizeof w, "w%d", i);
        int pos = have;
        while (pos > 0 && strcmp(w, want[pos - 1]) < 0) pos--;
        if (pos >= K) continue;
        int last = have < K ? have : K - 1;
        for (int m = last; m > pos; m--) memcpy(want[m], want[m - 1], 16);
        memcpy(want[pos], w, 16);
        if (have < K) have++;
    }
    for (int r = 0; r < K; r++) {
        CHECK_EQ_INT(top[r].count, 7);
        CHECK_EQ_STR(top[r].word, want[r]);
    }
    /* and the whole ranking when k = distinct */
    for (int r = 1; r < BIG_D; r++) {
        CHECK(all[r - 1].count >= all[r].count);
        if (all[r - 1].count == all[r].count) CHECK(strcmp(all[r - 1].word, all[r].word) < 0);
    }
    CHECK_EQ_INT(all[BIG_D - 1].count, 1);
    free(all);
    free(text);
    wf_free(wf);
}

TEST_TIMEOUT(many_small_calls, 90) {
    clock_t start = clock();
    wordfreq *wf = wf_new();
    char w[32];
    for (int i = 0; i < 300000; i++) {
        int n = snprintf(w, sizeof w, "k%d", (i * 31) % 150000);
        wf_add_text(wf, w, (size_t)n);
    }
    CHECK_EQ_INT(wf_distinct(wf), 150000);
    CHECK_EQ_INT(wf_total(wf), 300000);
    CHECK_EQ_INT(wf_count(wf, "k0"), 2);
    CHECK_EQ_INT(wf_count(wf, "K149999"), 2);
    CHECK_CPU(start);
    wf_free(wf);
}
