#include <string.h>

#include "ringbuf.h"
#include "/opt/harness/include/tinytest.h"

TEST(visible_new_and_sizes) {
    ringbuf *rb = rb_new(8);
    CHECK(rb != NULL);
    CHECK_EQ_INT(rb_capacity(rb), 8);
    CHECK_EQ_INT(rb_len(rb), 0);
    CHECK_EQ_INT(rb_space(rb), 8);
    rb_free(rb);
}

TEST(visible_write_then_read) {
    ringbuf *rb = rb_new(8);
    char out[16] = {0};
    CHECK_EQ_INT(rb_write(rb, "hello", 5), 5);
    CHECK_EQ_INT(rb_len(rb), 5);
    CHECK_EQ_INT(rb_read(rb, out, sizeof out), 5);
    CHECK_EQ_STR(out, "hello");
    CHECK_EQ_INT(rb_len(rb), 0);
    rb_free(rb);
}

TEST(visible_write_stops_when_full) {
    ringbuf *rb = rb_new(4);
    char out[8] = {0};
    CHECK_EQ_INT(rb_write(rb, "abcdef", 6), 4);
    CHECK_EQ_INT(rb_space(rb), 0);
    CHECK_EQ_INT(rb_read(rb, out, 8), 4);
    CHECK_EQ_STR(out, "abcd");
    rb_free(rb);
}
