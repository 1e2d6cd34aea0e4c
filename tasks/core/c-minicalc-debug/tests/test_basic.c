#include <stdint.h>
#include <string.h>

#include "calc.h"
#include "/opt/harness/include/tinytest.h"

static char err[256];

static int64_t value_of(calc *c, const char *line) {
    int64_t v = 0;
    int rc = calc_eval(c, line, &v, err, sizeof err);
    CHECK_MSG(rc == 0, "calc_eval(\"%s\") returned %d, error: %s", line, rc, err);
    return v;
}

TEST(basic_arithmetic) {
    calc *c = calc_new();
    CHECK_EQ_INT(value_of(c, "1 + 2 * 3"), 7);
    CHECK_EQ_INT(value_of(c, "(1 + 2) * 3"), 9);
    CHECK_EQ_INT(value_of(c, "7 / 2"), 3);
    CHECK_EQ_INT(value_of(c, "-7 % 3"), -1);
    CHECK_EQ_INT(value_of(c, "2 ** 10"), 1024);
    CHECK_EQ_INT(value_of(c, "max(3, 9, -1) - min(4, 2)"), 7);
    calc_free(c);
}

TEST(variables) {
    calc *c = calc_new();
    CHECK_EQ_INT(value_of(c, "width = 12"), 12);
    CHECK_EQ_INT(value_of(c, "height = width / 3"), 4);
    CHECK_EQ_INT(value_of(c, "width * height"), 48);
    int64_t v = 0;
    CHECK_EQ_INT(calc_get(c, "height", &v), 1);
    CHECK_EQ_INT(v, 4);
    CHECK_EQ_INT(calc_get(c, "depth", &v), 0);
    CHECK_EQ_INT(calc_var_count(c), 2);
    calc_free(c);
}

TEST(errors) {
    calc *c = calc_new();
    int64_t v = 0;
    CHECK_EQ_INT(calc_eval(c, "1 +", &v, err, sizeof err), -1);
    CHECK(strstr(err, "syntax error") == err);
    CHECK_EQ_INT(calc_eval(c, "nope + 1", &v, err, sizeof err), -1);
    CHECK_EQ_STR(err, "undefined variable 'nope'");
    CHECK_EQ_INT(calc_eval(c, "5 / 0", &v, err, sizeof err), -1);
    CHECK_EQ_STR(err, "division by zero");
    CHECK_EQ_INT(calc_eval(c, "   ", &v, err, sizeof err), 1);
    calc_free(c);
}
