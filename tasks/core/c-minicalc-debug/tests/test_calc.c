#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc.h"
#include "/opt/harness/include/tinytest.h"

static char msg[512];

/* Evaluates line in c and expects the value want. */
static void expect_val(calc *c, const char *line, int64_t want, const char *file, int ln) {
    int64_t v = 0;
    memset(msg, 0, sizeof msg);
    int rc = calc_eval(c, line, &v, msg, sizeof msg);
    if (rc != 0) tinytest_fail_(file, ln, "\"%s\": returned %d (error: %s), want %lld", line, rc, msg, (long long)want);
    if (v != want) tinytest_fail_(file, ln, "\"%s\": got %lld, want %lld", line, (long long)v, (long long)want);
}

/* Evaluates line in c and expects an error whose message starts with prefix. */
static void expect_err(calc *c, const char *line, const char *prefix, const char *file, int ln) {
    int64_t v = 12345;
    memset(msg, 0, sizeof msg);
    int rc = calc_eval(c, line, &v, msg, sizeof msg);
    if (rc != -1) tinytest_fail_(file, ln, "\"%s\": returned %d (value %lld), want an error '%s'", line, rc, (long long)v, prefix);
    if (v != 12345) tinytest_fail_(file, ln, "\"%s\": *out changed on error", line);
    if (strncmp(msg, prefix, strlen(prefix)) != 0)
        tinytest_fail_(file, ln, "\"%s\": error \"%s\", want one starting with \"%s\"", line, msg, prefix);
}

#define VAL(c, line, want) expect_val((c), (line), (want), __FILE__, __LINE__)
#define ERR(c, line, prefix) expect_err((c), (line), (prefix), __FILE__, __LINE__)

static calc *C;
static calc *fresh(void) {
    C = calc_new();
    CHECK(C != NULL);
    return C;
}

/* ---- precedence and associativity ------------------------------------------------------------- */

TEST(subtraction_is_left_associative) {
    fresh();
    VAL(C, "10 - 4 - 3", 3);
    VAL(C, "1 - 1 - 1 - 1", -2);
    VAL(C, "10 - 4 + 3", 9);
    VAL(C, "10 + 4 - 3 + 2 - 1", 12);
    VAL(C, "0 - 5 - 5", -10);
}

TEST(division_and_modulo_are_left_associative) {
    fresh();
    VAL(C, "100 / 10 / 5", 2);
    VAL(C, "64 / 4 / 2 / 2", 4);
    VAL(C, "100 % 30 % 7", 3);
    VAL(C, "7 * 8 / 4", 14);
    VAL(C, "7 / 2 * 2", 6);
    VAL(C, "100 / 10 * 10", 100);
    VAL(C, "29 % 10 * 3", 27);
    VAL(C, "2 * 9 % 5", 3);
}

TEST(power_is_right_associative) {
    fresh();
    VAL(C, "2 ** 3 ** 2", 512);
    VAL(C, "2 ** 2 ** 2 ** 2", 65536);
    VAL(C, "(2 ** 3) ** 2", 64);
    VAL(C, "3 ** 1 ** 5", 3);
    VAL(C, "2 ** 3 * 2", 16);
    VAL(C, "2 * 3 ** 2", 18);
    VAL(C, "1 + 2 ** 3", 9);
}

TEST(unary_minus_binds_looser_than_power) {
    fresh();
    VAL(C, "-2 ** 2", -4);
    VAL(C, "(-2) ** 2", 4);
    VAL(C, "-3 ** 3", -27);
    VAL(C, "- 2 ** 3 ** 2", -512);
    VAL(C, "--2 ** 2", 4);
    VAL(C, "-+-2 ** 2", 4);
    VAL(C, "+-2 ** 2", -4);
    VAL(C, "1 - -2 ** 2", 5);
    VAL(C, "10 * -2 ** 2", -40);
}

TEST(unary_minus_binds_tighter_than_products) {
    fresh();
    VAL(C, "-2 * 3", -6);
    VAL(C, "-7 / 2", -3);
    VAL(C, "-7 % 3", -1);
    VAL(C, "-2 * -3", 6);
    VAL(C, "2 * -3 * 4", -24);
    VAL(C, "-1 - 1", -2);
    VAL(C, "- 5 + 3", -2);
    VAL(C, "3 - -3", 6);
    VAL(C, "---4", -4);
}

TEST(power_right_operand_may_be_signed) {
    fresh();
    VAL(C, "2 ** +3", 8);
    VAL(C, "2 ** --3", 8);
    VAL(C, "2 ** -(-3)", 8);
    VAL(C, "2 ** -0", 1);
    VAL(C, "2 ** - - 2 ** 2", 16);        /* 2 ** -(-(2 ** 2)) */
    VAL(C, "x = 2", 2);
    VAL(C, "(-x) ** --x ** 2 - 1", 15);   /* (-2) ** (2 ** 2) - 1 */
    ERR(C, "2 ** -1", "negative exponent");
    ERR(C, "2 ** -2 ** 2", "negative exponent"); /* 2 ** -(2 ** 2) */
    ERR(C, "2 ** -x ** 0 * 5", "negative exponent");
    ERR(C, "0 ** -1", "negative exponent");
}

TEST(parentheses_and_spacing) {
    fresh();
    VAL(C, "((((7))))", 7);
    VAL(C, "(1+2)*(3+4)", 21);
    VAL(C, "\t 2*(3-(4-5))\r\n", 8);
    VAL(C, "2**3", 8);
    VAL(C, "- (2 ** 2)", -4);
    VAL(C, "(- 2) ** 3", -8);
    VAL(C, "2 - (3 - 4) - 5", -2);
}

/* ---- number literals ----------------------------------------------------------------------------- */

TEST(largest_literal_is_accepted) {
    fresh();
    VAL(C, "9223372036854775807", INT64_MAX);
    VAL(C, "-9223372036854775807", -INT64_MAX);
    VAL(C, "-9223372036854775807 - 1", INT64_MIN);
    VAL(C, "0009223372036854775807", INT64_MAX);
    VAL(C, "922337203685477580", 922337203685477580LL);
    VAL(C, "000", 0);
    VAL(C, "1000000000000000000", 1000000000000000000LL);
}

TEST(literal_too_large_is_overflow) {
    fresh();
    ERR(C, "9223372036854775808", "overflow");
    ERR(C, "9223372036854775809", "overflow");
    ERR(C, "-9223372036854775808", "overflow");
    ERR(C, "9223372036854775810", "overflow");
    ERR(C, "18446744073709551615", "overflow");
    ERR(C, "18446744073709551616", "overflow");
    ERR(C, "92233720368547758080", "overflow");
    ERR(C, "99999999999999999999999999", "overflow");
    ERR(C, "1 + 9223372036854775808 * 0", "overflow");
    ERR(C, "y = 9223372036854775808", "overflow");
    int64_t v;
    CHECK_EQ_INT(calc_get(C, "y", &v), 0);
}

/* ---- arithmetic edge cases ------------------------------------------------------------------------ */

TEST(smallest_int64_divided_by_minus_one) {
    fresh();
    VAL(C, "m = -9223372036854775807 - 1", INT64_MIN);
    ERR(C, "m / -1", "overflow");
    ERR(C, "m / (0 - 1)", "overflow");
    VAL(C, "m / 1", INT64_MIN);
    VAL(C, "m / 2", INT64_MIN / 2);
    VAL(C, "m / -2", 4611686018427387904LL);
    VAL(C, "m / m", 1);
    VAL(C, "(m + 1) / -1", INT64_MAX);
}

TEST(remainder_by_minus_one_is_zero) {
    fresh();
    VAL(C, "m = -9223372036854775807 - 1", INT64_MIN);
    VAL(C, "m % -1", 0);
    VAL(C, "7 % -1", 0);
    VAL(C, "-7 % -1", 0);
    VAL(C, "m % 1", 0);
    VAL(C, "m % -3", -2);
    VAL(C, "m % 10", -8);
    VAL(C, "m % m", 0);
    VAL(C, "9223372036854775807 % m", INT64_MAX);
}

TEST(truncating_division_and_remainder_signs) {
    fresh();
    VAL(C, "7 / 2", 3);
    VAL(C, "-7 / 2", -3);
    VAL(C, "7 / -2", -3);
    VAL(C, "(-7) / (-2)", 3);
    VAL(C, "7 % 3", 1);
    VAL(C, "-7 % 3", -1);
    VAL(C, "7 % -3", 1);
    VAL(C, "(-7) % (-3)", -1);
    VAL(C, "0 / 5", 0);
    ERR(C, "5 / 0", "division by zero");
    ERR(C, "5 % 0", "division by zero");
    ERR(C, "5 % (3 - 3)", "division by zero");
    ERR(C, "0 / 0", "division by zero");
}

TEST(add_sub_mul_overflow) {
    fresh();
    ERR(C, "9223372036854775807 + 1", "overflow");
    ERR(C, "-9223372036854775807 - 2", "overflow");
    ERR(C, "3037000500 * 3037000500", "overflow");
    ERR(C, "-3037000500 * 3037000500", "overflow");
    VAL(C, "3037000499 * 3037000499", 9223372030926249001LL);
    VAL(C, "-4611686018427387904 * 2", INT64_MIN);
    ERR(C, "4611686018427387904 * 2", "overflow");
    ERR(C, "-(-9223372036854775807 - 1)", "overflow");
    ERR(C, "abs(-9223372036854775807 - 1)", "overflow");
    VAL(C, "abs(-9223372036854775807)", INT64_MAX);
}

TEST(power_results_that_fit) {
    fresh();
    VAL(C, "2 ** 32", 4294967296LL);
    VAL(C, "2 ** 62", 4611686018427387904LL);
    VAL(C, "3 ** 39", 4052555153018976267LL);
    VAL(C, "10 ** 18", 1000000000000000000LL);
    VAL(C, "(-2) ** 63", INT64_MIN);
    VAL(C, "(-3) ** 39", -4052555153018976267LL);
    VAL(C, "7 ** 22", 3909821048582988049LL);
    VAL(C, "3037000499 ** 2", 9223372030926249001LL);
    VAL(C, "2 ** 1", 2);
    VAL(C, "5 ** 3", 125);
    VAL(C, "2 ** 16", 65536);
    VAL(C, "0 ** 0", 1);
    VAL(C, "5 ** 0", 1);
    VAL(C, "0 ** 5", 0);
    VAL(C, "(-9223372036854775807 - 1) ** 1", INT64_MIN);
    VAL(C, "9223372036854775807 ** 1", INT64_MAX);
}

TEST(power_results_that_do_not_fit) {
    fresh();
    ERR(C, "2 ** 63", "overflow");
    ERR(C, "2 ** 64", "overflow");
    ERR(C, "3 ** 40", "overflow");
    ERR(C, "(-2) ** 64", "overflow");
    ERR(C, "10 ** 19", "overflow");
    ERR(C, "3037000500 ** 2", "overflow");
    ERR(C, "2 ** 9223372036854775807", "overflow");
    ERR(C, "(-9223372036854775807 - 1) ** 2", "overflow");
}

TEST_TIMEOUT(power_with_huge_exponents, 20) {
    fresh();
    VAL(C, "1 ** 9223372036854775807", 1);
    VAL(C, "(-1) ** 9223372036854775807", -1);
    VAL(C, "(-1) ** 9223372036854775806", 1);
    VAL(C, "0 ** 9223372036854775807", 0);
    VAL(C, "1 ** (2 ** 62)", 1);
    VAL(C, "(-1) ** (2 ** 62 + 1)", -1);
}

TEST(functions) {
    fresh();
    VAL(C, "min(5)", 5);
    VAL(C, "max(-5)", -5);
    VAL(C, "min(3, -1, 2)", -1);
    VAL(C, "max(3, -1, 2, 3)", 3);
    VAL(C, "abs(-7) + abs(7) + abs(0)", 14);
    VAL(C, "max(1, 2) ** min(3, 4)", 8);
    VAL(C, "-abs(-2) ** 2", -4);
    VAL(C, "min(10 - 4 - 3, 100 / 10 / 5)", 2);
    ERR(C, "min()", "syntax error");
    VAL(C, "max(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 4) - min(9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1)", 14);
    ERR(C, "abs(1, 2)", "wrong number of arguments to 'abs'");
    ERR(C, "sqrt(4)", "unknown function 'sqrt'");
    ERR(C, "max(1, 2 / 0)", "division by zero");
}

TEST(syntax_errors) {
    fresh();
    const char *bad[] = {"1 +", "(1", "1)", "()", "1 2", "* 3", "2 ***3", "2 * * 3", "1.5", "= 3",
                         "3 = 4", "(x) = 1", "x = ", "min(1,)", "min(,1)", "min(1 2)", "max(",
                         "a b = 1", "1 # 2", "$", "2 ** ", "--", "x = = 1", "f(1))", "abs 3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) ERR(C, bad[i], "syntax error");
    CHECK_EQ_INT(calc_var_count(C), 0);
}

TEST(empty_lines) {
    fresh();
    int64_t v = 99;
    CHECK_EQ_INT(calc_eval(C, "", &v, msg, sizeof msg), 1);
    CHECK_EQ_INT(calc_eval(C, " \t\r\n", &v, msg, sizeof msg), 1);
    CHECK_EQ_INT(v, 99);
}

TEST(error_order_is_left_to_right) {
    fresh();
    ERR(C, "1 / 0 + undefined_thing", "division by zero");
    ERR(C, "undefined_thing + 1 / 0", "undefined variable 'undefined_thing'");
    ERR(C, "2 ** -1 + 1 / 0", "negative exponent");
    ERR(C, "(9223372036854775807 + 1) / 0", "overflow");
    ERR(C, "min(1, q, 1 / 0)", "undefined variable 'q'");
}

TEST(error_message_is_truncated_to_errsize) {
    fresh();
    char small[10];
    memset(small, 'Z', sizeof small);
    int64_t v;
    CHECK_EQ_INT(calc_eval(C, "a_rather_long_variable_name", &v, small, sizeof small), -1);
    CHECK_EQ_INT(small[9], 0);
    CHECK_EQ_STR(small, "undefined");
}

/* ---- variables ------------------------------------------------------------------------------------ */

TEST(assignment_values_and_chains) {
    fresh();
    VAL(C, "a = b = c = 7", 7);
    VAL(C, "a + b + c", 21);
    VAL(C, "x = (y = 3) * 2", 6);
    VAL(C, "x + y", 9);
    VAL(C, "x = x + 1", 7);
    VAL(C, "x", 7);
    VAL(C, "min(p = 4, q = 2) + p * q", 10);
    VAL(C, "Abc_1 = 5", 5);
    ERR(C, "abc_1", "undefined variable 'abc_1'");
    VAL(C, "_ = Abc_1 * 2", 10);
    VAL(C, "_", 10);
    VAL(C, "min = 3", 3);
    VAL(C, "min(min, 1)", 1);
    CHECK_EQ_INT(calc_var_count(C), 10);
}

TEST(failed_assignment_leaves_variable_alone) {
    fresh();
    int64_t v;
    ERR(C, "n = 1 / 0", "division by zero");
    CHECK_EQ_INT(calc_get(C, "n", &v), 0);
    ERR(C, "n", "undefined variable 'n'");
    ERR(C, "k = k + 1", "undefined variable 'k'");
    CHECK_EQ_INT(calc_get(C, "k", &v), 0);
    CHECK_EQ_INT(calc_var_count(C), 0);
    VAL(C, "n = 5", 5);
    ERR(C, "n = 2 ** 64", "overflow");
    VAL(C, "n", 5);
    ERR(C, "n = m = 1 / 0", "division by zero");
    CHECK_EQ_INT(calc_get(C, "m", &v), 0);
    VAL(C, "n", 5);
    /* completed assignments earlier in the line stay */
    ERR(C, "n = (m = 4) / 0", "division by zero");
    VAL(C, "m", 4);
    VAL(C, "n", 5);
    CHECK_EQ_INT(calc_var_count(C), 2);
}

TEST(chained_assignments_while_the_table_grows) {
    fresh();
    VAL(C, "v0 = v1 = v2 = v3 = v4 = v5 = v6 = v7 = v8 = v9 = v10 = v11 = v12 = v13 = v14 = v15 = v16 = 42", 42);
    CHECK_EQ_INT(calc_var_count(C), 17);
    char name[16];
    for (int i = 0; i <= 16; i++) {
        int64_t v = -1;
        snprintf(name, sizeof name, "v%d", i);
        CHECK_MSG(calc_get(C, name, &v) == 1, "%s is not defined", name);
        CHECK_EQ_INT(v, 42);
    }
    VAL(C, "w = (a1 = 1) + (a2 = 2) + (a3 = 3) + (a4 = 4) + (a5 = 5) + (a6 = 6) + (a7 = 7) + (a8 = 8)", 36);
    VAL(C, "w * 1000 + a1 + a8", 36009);
    CHECK_EQ_INT(calc_var_count(C), 26);
}

TEST(many_variables_survive) {
    fresh();
    char line[64];
    for (int i = 0; i < 500; i++) {
        snprintf(line, sizeof line, "var_%d = %d * 3", i, i);
        VAL(C, line, i * 3);
    }
    CHECK_EQ_INT(calc_var_count(C), 500);
    for (int i = 0; i < 500; i += 7) {
        snprintf(line, sizeof line, "var_%d = var_%d + 1", i, i);
        VAL(C, line, i * 3 + 1);
    }
    CHECK_EQ_INT(calc_var_count(C), 500);
    for (int i = 0; i < 500; i++) {
        int64_t v = -1;
        snprintf(line, sizeof line, "var_%d", i);
        CHECK_MSG(calc_get(C, line, &v) == 1, "%s is not defined", line);
        CHECK_EQ_INT(v, i * 3 + (i % 7 == 0));
    }
}

TEST(line_buffer_may_be_reused_or_freed) {
    fresh();
    char buf[64];
    strcpy(buf, "x = 2");
    VAL(C, buf, 2);
    strcpy(buf, "y = 3");
    VAL(C, buf, 3);
    memset(buf, '#', sizeof buf);
    CHECK_EQ_INT(calc_var_count(C), 2);
    strcpy(buf, "x");
    VAL(C, buf, 2);
    strcpy(buf, "y");
    VAL(C, buf, 3);
    int64_t v = 0;
    CHECK_EQ_INT(calc_get(C, "x", &v), 1);
    CHECK_EQ_INT(v, 2);
    CHECK_EQ_INT(calc_get(C, "y", &v), 1);
    CHECK_EQ_INT(v, 3);

    char *heap = malloc(32);
    strcpy(heap, "longer_name = 77");
    VAL(C, heap, 77);
    free(heap);
    heap = malloc(32);
    strcpy(heap, "longer_name + x");
    VAL(C, heap, 79);
    free(heap);
    CHECK_EQ_INT(calc_get(C, "longer_name", &v), 1);
    CHECK_EQ_INT(v, 77);
}

TEST(sessions_are_independent) {
    calc *a = calc_new(), *b = calc_new();
    VAL(a, "x = 1", 1);
    VAL(b, "x = 2", 2);
    VAL(a, "x", 1);
    VAL(b, "x", 2);
    calc_free(a);
    VAL(b, "x", 2);
    calc_free(b);
    calc_free(NULL);
}

/* ---- the interactive tool ------------------------------------------------------------------------- */

static char repl_out[1 << 16];

static int run_repl(const char *input) {
    FILE *in = tmpfile(), *out = tmpfile();
    CHECK(in && out);
    fputs(input, in);
    rewind(in);
    int rc = calc_repl(in, out);
    fclose(in);
    fflush(out);
    rewind(out);
    size_t n = fread(repl_out, 1, sizeof repl_out - 1, out);
    repl_out[n] = '\0';
    fclose(out);
    return rc;
}

TEST(repl_keeps_variables_apart) {
    CHECK_EQ_INT(run_repl("x = 2\ny = 3\nx\ny\nx * 10 + y\n"), 0);
    CHECK_EQ_STR(repl_out, "2\n3\n2\n3\n23\n");
}

TEST(repl_session) {
    CHECK_EQ_INT(run_repl("price = 250\n\nqty = 4\ntotal = price * qty\n  \ndiscount = total / 10\n"
                          "total - discount - 1\nprice\nqty\n"),
                 0);
    CHECK_EQ_STR(repl_out, "250\n4\n1000\n100\n899\n250\n4\n");
}

TEST(repl_reports_errors_and_continues) {
    CHECK_EQ_INT(run_repl("a = 10\nb = a / 0\nb\n(-9223372036854775807 - 1) / -1\n2 ** 3 ** 2\na - 4 - 3\n-2 ** 2\n1 +\n"), 1);
    const char *want = "10\nerror: division by zero\nerror: undefined variable 'b'\nerror: overflow\n512\n3\n-4\n"
                       "error: syntax error";
    /* the last line's message may carry details after "syntax error" */
    CHECK_MSG(strncmp(repl_out, want, strlen(want)) == 0, "output:\n%s", repl_out);
    const char *rest = repl_out + strlen(want);
    CHECK_MSG(strchr(rest, '\n') == rest + strlen(rest) - 1, "output:\n%s", repl_out);
}

TEST(repl_many_variables) {
    static char input[1 << 15], want[1 << 15];
    size_t ni = 0, nw = 0;
    for (int i = 0; i < 120; i++) {
        ni += (size_t)snprintf(input + ni, sizeof input - ni, "n%d = %d\n", i, i * i);
        nw += (size_t)snprintf(want + nw, sizeof want - nw, "%d\n", i * i);
    }
    for (int i = 119; i >= 0; i -= 3) {
        ni += (size_t)snprintf(input + ni, sizeof input - ni, "n%d - n0\n", i);
        nw += (size_t)snprintf(want + nw, sizeof want - nw, "%d\n", i * i);
    }
    CHECK_EQ_INT(run_repl(input), 0);
    CHECK_EQ_STR(repl_out, want);
}
