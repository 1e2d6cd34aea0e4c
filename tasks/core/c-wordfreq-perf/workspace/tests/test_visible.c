#include <string.h>

#include "/opt/harness/include/tinytest.h"
#include "wordfreq.h"

static void add(wordfreq *wf, const char *s) { wf_add_text(wf, s, strlen(s)); }

TEST(visible_counts_and_case) {
    wordfreq *wf = wf_new();
    add(wf, "The cat and the hat. THE END");
    CHECK_EQ_INT(wf_total(wf), 7);
    CHECK_EQ_INT(wf_distinct(wf), 5);
    CHECK_EQ_INT(wf_count(wf, "the"), 3);
    CHECK_EQ_INT(wf_count(wf, "The"), 3);
    CHECK_EQ_INT(wf_count(wf, "dog"), 0);
    wf_free(wf);
}

TEST(visible_top_order) {
    wordfreq *wf = wf_new();
    wf_entry top[3];
    add(wf, "b a c b a b d");
    CHECK_EQ_INT(wf_top(wf, 3, top), 3);
    CHECK_EQ_STR(top[0].word, "b");
    CHECK_EQ_INT(top[0].count, 3);
    CHECK_EQ_STR(top[1].word, "a");
    CHECK_EQ_STR(top[2].word, "c"); /* c and d tie: strcmp order */
    wf_free(wf);
}

/* 20 000 different words, 60 000 in all, then the top 5. */
TEST_TIMEOUT(visible_medium_input_is_fast, 60) {
    wordfreq *wf = wf_new();
    char word[32];
    for (int rep = 0; rep < 3; rep++)
        for (int i = 0; i < 20000; i++) {
            int n = snprintf(word, sizeof word, "w%d ", i);
            wf_add_text(wf, word, (size_t)n);
        }
    CHECK_EQ_INT(wf_distinct(wf), 20000);
    CHECK_EQ_INT(wf_total(wf), 60000);
    wf_entry top[5];
    CHECK_EQ_INT(wf_top(wf, 5, top), 5);
    CHECK_EQ_STR(top[0].word, "w0");
    CHECK_EQ_STR(top[1].word, "w1");
    CHECK_EQ_STR(top[2].word, "w10");
    CHECK_EQ_INT(top[4].count, 3);
    wf_free(wf);
}
