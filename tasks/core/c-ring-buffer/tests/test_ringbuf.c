#include <stdlib.h>
#include <string.h>

#include "ringbuf.h"
#include "/opt/harness/include/tinytest.h"

static void expect_contents(ringbuf *rb, const char *want) {
    char buf[256];
    size_t n = strlen(want);
    CHECK_EQ_INT(rb_len(rb), n);
    memset(buf, 0, sizeof buf);
    CHECK_EQ_INT(rb_peek(rb, buf, sizeof buf - 1), n);
    CHECK_EQ_STR(buf, want);
}

TEST(new_zero_capacity_is_null) { CHECK(rb_new(0) == NULL); }

TEST(free_null_is_noop) { rb_free(NULL); }

TEST(capacity_one) {
    ringbuf *rb = rb_new(1);
    unsigned char c = 0;
    for (int i = 0; i < 10; i++) {
        CHECK_EQ_INT(rb_write(rb, "xy" + (i % 2), 1), 1);
        CHECK_EQ_INT(rb_write(rb, "z", 1), 0);
        CHECK_EQ_INT(rb_len(rb), 1);
        CHECK_EQ_INT(rb_read(rb, &c, 1), 1);
        CHECK_EQ_INT(c, "xy"[i % 2]);
        CHECK_EQ_INT(rb_read(rb, &c, 1), 0);
    }
    rb_free(rb);
}

TEST(wraparound_keeps_order) {
    ringbuf *rb = rb_new(5);
    char out[8];
    CHECK_EQ_INT(rb_write(rb, "abc", 3), 3);
    CHECK_EQ_INT(rb_read(rb, out, 2), 2);
    CHECK_EQ_MEM(out, "ab", 2);
    CHECK_EQ_INT(rb_write(rb, "defg", 4), 4); /* wraps */
    expect_contents(rb, "cdefg");
    CHECK_EQ_INT(rb_write(rb, "h", 1), 0);
    memset(out, 0, sizeof out);
    CHECK_EQ_INT(rb_read(rb, out, 7), 5);
    CHECK_EQ_STR(out, "cdefg");
    CHECK_EQ_INT(rb_len(rb), 0);
    CHECK_EQ_INT(rb_space(rb), 5);
    rb_free(rb);
}

TEST(many_wraparounds_against_model) {
    /* random writes and reads compared with a simple array model */
    ringbuf *rb = rb_new(37);
    unsigned char model[37], tmp[64], got[64];
    size_t mlen = 0;
    unsigned seed = 12345, next = 0;
    for (int step = 0; step < 20000; step++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % 50;
        if ((seed >> 8) & 1) {
            for (size_t i = 0; i < n; i++) tmp[i] = (unsigned char)(next++ * 7);
            size_t fit = n < 37 - mlen ? n : 37 - mlen;
            CHECK_EQ_INT(rb_write(rb, tmp, n), fit);
            memcpy(model + mlen, tmp, fit);
            next -= (unsigned)(n - fit);
            mlen += fit;
        } else {
            size_t take = n < mlen ? n : mlen;
            CHECK_EQ_INT(rb_read(rb, got, n), take);
            CHECK_EQ_MEM(got, model, take);
            memmove(model, model + take, mlen - take);
            mlen -= take;
        }
        CHECK_EQ_INT(rb_len(rb), mlen);
        CHECK_EQ_INT(rb_space(rb), 37 - mlen);
    }
    rb_free(rb);
}

TEST(write_zero_and_read_zero) {
    ringbuf *rb = rb_new(3);
    char c = 'q';
    CHECK_EQ_INT(rb_write(rb, "", 0), 0);
    CHECK_EQ_INT(rb_read(rb, &c, 0), 0);
    CHECK_EQ_INT(c, 'q');
    rb_write(rb, "ab", 2);
    CHECK_EQ_INT(rb_read(rb, &c, 0), 0);
    CHECK_EQ_INT(rb_len(rb), 2);
    rb_free(rb);
}

TEST(peek_does_not_consume) {
    ringbuf *rb = rb_new(6);
    char out[8] = {0};
    rb_write(rb, "wxyz", 4);
    rb_discard(rb, 3);
    rb_write(rb, "12345", 5); /* wraps: z12345 */
    CHECK_EQ_INT(rb_peek(rb, out, 3), 3);
    CHECK_EQ_MEM(out, "z12", 3);
    CHECK_EQ_INT(rb_peek(rb, out, 100), 6);
    CHECK_EQ_MEM(out, "z12345", 6);
    CHECK_EQ_INT(rb_len(rb), 6);
    rb_free(rb);
}

TEST(discard_more_than_len) {
    ringbuf *rb = rb_new(4);
    rb_write(rb, "abc", 3);
    CHECK_EQ_INT(rb_discard(rb, 1), 1);
    expect_contents(rb, "bc");
    CHECK_EQ_INT(rb_discard(rb, 10), 2);
    CHECK_EQ_INT(rb_len(rb), 0);
    CHECK_EQ_INT(rb_discard(rb, 1), 0);
    CHECK_EQ_INT(rb_write(rb, "wxyz", 4), 4);
    expect_contents(rb, "wxyz");
    rb_free(rb);
}

TEST(clear_resets) {
    ringbuf *rb = rb_new(4);
    rb_write(rb, "abcd", 4);
    rb_discard(rb, 1);
    rb_write(rb, "e", 1);
    rb_clear(rb);
    CHECK_EQ_INT(rb_len(rb), 0);
    CHECK_EQ_INT(rb_space(rb), 4);
    CHECK_EQ_INT(rb_find(rb, 'b'), -1);
    rb_write(rb, "1234", 4);
    expect_contents(rb, "1234");
    rb_free(rb);
}

TEST(force_write_fits_loses_nothing) {
    ringbuf *rb = rb_new(6);
    CHECK_EQ_INT(rb_force_write(rb, "abc", 3), 0);
    CHECK_EQ_INT(rb_force_write(rb, "def", 3), 0);
    expect_contents(rb, "abcdef");
    rb_free(rb);
}

TEST(force_write_drops_oldest) {
    ringbuf *rb = rb_new(4);
    rb_write(rb, "ab", 2);
    CHECK_EQ_INT(rb_force_write(rb, "cdef", 4), 2);
    expect_contents(rb, "cdef");
    CHECK_EQ_INT(rb_force_write(rb, "g", 1), 1);
    expect_contents(rb, "defg");
    rb_free(rb);
}

TEST(force_write_longer_than_capacity) {
    ringbuf *rb = rb_new(4);
    rb_write(rb, "ab", 2);
    CHECK_EQ_INT(rb_force_write(rb, "123456", 6), 4);
    expect_contents(rb, "3456");
    CHECK_EQ_INT(rb_force_write(rb, "abcdefghij", 10), 10);
    expect_contents(rb, "ghij");
    rb_free(rb);
}

TEST(force_write_after_wrap) {
    ringbuf *rb = rb_new(5);
    rb_write(rb, "abcde", 5);
    rb_discard(rb, 3);
    rb_write(rb, "fg", 2); /* wraps */
    expect_contents(rb, "defg");
    CHECK_EQ_INT(rb_force_write(rb, "XYZ", 3), 2);
    expect_contents(rb, "fgXYZ");
    CHECK_EQ_INT(rb_force_write(rb, "", 0), 0);
    expect_contents(rb, "fgXYZ");
    rb_free(rb);
}

TEST(find_positions) {
    ringbuf *rb = rb_new(5);
    CHECK_EQ_INT(rb_find(rb, 'a'), -1);
    rb_write(rb, "xxabc", 5);
    rb_discard(rb, 2);
    rb_write(rb, "dc", 2); /* abcdc, wrapped */
    CHECK_EQ_INT(rb_find(rb, 'a'), 0);
    CHECK_EQ_INT(rb_find(rb, 'c'), 2);
    CHECK_EQ_INT(rb_find(rb, 'd'), 3);
    CHECK_EQ_INT(rb_find(rb, 'x'), -1); /* stale bytes are not stored bytes */
    rb_read(rb, (char[4]){0}, 4);
    CHECK_EQ_INT(rb_find(rb, 'c'), 0);
    CHECK_EQ_INT(rb_find(rb, 'a'), -1);
    rb_free(rb);
}

TEST(find_high_byte_and_nul) {
    ringbuf *rb = rb_new(4);
    const unsigned char data[3] = {0x00, 0xff, 0x80};
    rb_write(rb, data, 3);
    CHECK_EQ_INT(rb_find(rb, 0x00), 0);
    CHECK_EQ_INT(rb_find(rb, 0xff), 1);
    CHECK_EQ_INT(rb_find(rb, 0x80), 2);
    CHECK_EQ_INT(rb_find(rb, 0x7f), -1);
    rb_free(rb);
}

TEST(binary_data_round_trip) {
    ringbuf *rb = rb_new(256);
    unsigned char in[256], out[256];
    for (int i = 0; i < 256; i++) in[i] = (unsigned char)i;
    rb_write(rb, in, 100);
    rb_discard(rb, 100);
    CHECK_EQ_INT(rb_write(rb, in, 256), 256);
    CHECK_EQ_INT(rb_read(rb, out, 256), 256);
    CHECK_EQ_MEM(out, in, 256);
    rb_free(rb);
}

TEST(large_buffer) {
    size_t cap = 1 << 20;
    ringbuf *rb = rb_new(cap);
    unsigned char *in = malloc(cap), *out = malloc(cap);
    CHECK(rb && in && out);
    for (size_t i = 0; i < cap; i++) in[i] = (unsigned char)(i * 31 + 7);
    CHECK_EQ_INT(rb_write(rb, in, cap / 3), cap / 3);
    CHECK_EQ_INT(rb_discard(rb, cap / 3), cap / 3);
    CHECK_EQ_INT(rb_write(rb, in, cap), cap);
    CHECK_EQ_INT(rb_space(rb), 0);
    CHECK_EQ_INT(rb_read(rb, out, cap), cap);
    CHECK_EQ_MEM(out, in, cap);
    free(in);
    free(out);
    rb_free(rb);
}

TEST(independent_buffers) {
    ringbuf *a = rb_new(3), *b = rb_new(3);
    rb_write(a, "aaa", 3);
    rb_write(b, "b", 1);
    expect_contents(a, "aaa");
    expect_contents(b, "b");
    rb_free(a);
    rb_free(b);
}
