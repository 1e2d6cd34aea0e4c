/* Build-time check of tinytest.h (see the Dockerfile). Compiled twice: plain, every test must pass;
 * with -DSELFTEST_FAILURES, the extra tests below must each fail without stopping the others. */
#include <stdio.h>
#include "tinytest.h"

TEST(passes_int_and_str) {
    CHECK(1 + 1 == 2);
    CHECK_EQ_INT(2 * 21, 42);
    CHECK_NE_INT(-1, 1);
    CHECK_EQ_STR("abc", "abc");
    CHECK_EQ_STR(NULL, NULL);
    CHECK_EQ_MEM("a\0b", "a\0b", 3);
    CHECK_NEAR(0.1 + 0.2, 0.3, 1e-12);
    CHECK_MSG(3 > 2, "never shown %d", 1);
}

TEST_TIMEOUT(passes_with_timeout, 5) { CHECK_EQ_INT(sizeof(long long), 8); }

#ifdef SELFTEST_FAILURES
TEST(fails_segfault) {
    volatile int *p = NULL;
    CHECK(1);
    *p = 1;
}
TEST(fails_abort) { abort(); }
TEST(fails_check) { CHECK_EQ_INT(1 + 1, 3); }
TEST(fails_str_escaped) { CHECK_EQ_STR("<a & \"b\">\x01\xff", "]]> '"); }
TEST(fails_near) { CHECK_NEAR(1.0, 1.5, 0.1); }
TEST_TIMEOUT(fails_timeout, 1) {
    for (;;) {
    }
}
TEST_TIMEOUT(fails_timeout_ignoring_alarm, 1) {
    signal(SIGALRM, SIG_IGN);
    for (;;) {
    }
}
TEST(fails_exit) { exit(3); }
TEST(fails_str_null) { CHECK_EQ_STR(NULL, "x"); }
#endif
