#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "/opt/harness/include/tinytest.h"

static char err[256];

static ini *parse_ok(const char *text) {
    err[0] = '\0';
    ini *d = ini_parse(text, err, sizeof err);
    CHECK_MSG(d != NULL, "parse failed: %s", err);
    return d;
}

static void parse_fails(const char *text, const char *prefix, const char *contains) {
    strcpy(err, "(no message)");
    ini *d = ini_parse(text, err, sizeof err);
    CHECK_MSG(d == NULL, "parse of \"%s\" should fail", text);
    CHECK_MSG(strncmp(err, prefix, strlen(prefix)) == 0, "message \"%s\" should start with \"%s\"", err, prefix);
    CHECK_MSG(strstr(err, contains) != NULL, "message \"%s\" should contain \"%s\"", err, contains);
}

TEST(same_section_reference) {
    ini *d = parse_ok("[paths]\nroot = /srv\ndata = ${root}/data\nlogs = ${data}/logs\n");
    CHECK_EQ_STR(ini_get(d, "paths", "data"), "/srv/data");
    CHECK_EQ_STR(ini_get(d, "paths", "logs"), "/srv/data/logs");
    CHECK_EQ_STR(ini_get(d, "paths", "root"), "/srv");
    ini_free(d);
}

TEST(cross_section_reference) {
    ini *d = parse_ok("name = demo\n[db]\nhost = db.local\n[app]\nurl = pg://${db.host}/${.name}\n");
    CHECK_EQ_STR(ini_get(d, "app", "url"), "pg://db.local/demo");
    ini_free(d);
}

TEST(forward_references) {
    ini *d = parse_ok("[a]\nx = <${b.y}>\n[b]\ny = ${z}!\nz = zed\n");
    CHECK_EQ_STR(ini_get(d, "a", "x"), "<zed!>");
    CHECK_EQ_STR(ini_get(d, "b", "y"), "zed!");
    ini_free(d);
}

TEST(reference_uses_final_value) {
    ini *d = parse_ok("[s]\nv = 1\nw = ${v}${v}\nv = 2\n");
    CHECK_EQ_STR(ini_get(d, "s", "w"), "22");
    ini_free(d);
}

TEST(dollar_escapes_and_lone_dollars) {
    ini *d = parse_ok("[s]\nprice = $$5\ncost = 5$\nmix = a$b $ ${price}\ntwo = $$$$\nnotref = $${price}\n");
    CHECK_EQ_STR(ini_get(d, "s", "price"), "$5");
    CHECK_EQ_STR(ini_get(d, "s", "cost"), "5$");
    CHECK_EQ_STR(ini_get(d, "s", "mix"), "a$b $ $5");
    CHECK_EQ_STR(ini_get(d, "s", "two"), "$$");
    CHECK_EQ_STR(ini_get(d, "s", "notref"), "${price}");
    ini_free(d);
}

TEST(section_names_with_dots_split_at_first_dot) {
    ini *d = parse_ok("[net]\nhost.name = h1\n[x]\nv = ${net.host.name}\n");
    CHECK_EQ_STR(ini_get(d, "x", "v"), "h1");
    ini_free(d);
}

TEST(expansion_of_empty_and_repeated) {
    ini *d = parse_ok("[s]\ne =\nr = [${e}]\nmany = ${r}${r}${r}${r}\n");
    CHECK_EQ_STR(ini_get(d, "s", "r"), "[]");
    CHECK_EQ_STR(ini_get(d, "s", "many"), "[][][][]");
    ini_free(d);
}

TEST(long_chain) {
    size_t cap = 1 << 16, o = 0;
    char *text = malloc(cap);
    o += (size_t)snprintf(text + o, cap - o, "[c]\nk0 = x\n");
    for (int i = 1; i <= 300; i++) o += (size_t)snprintf(text + o, cap - o, "k%d = ${k%d}x\n", i, i - 1);
    ini *d = parse_ok(text);
    const char *v = ini_get(d, "c", "k300");
    CHECK(v != NULL);
    CHECK_EQ_INT(strlen(v), 301);
    ini_free(d);
    free(text);
}

TEST(doubling_is_exact) {
    ini *d = parse_ok("[d]\na = ab\nb = ${a}${a}\nc = ${b}${b}\nd = ${c}${c}\ne = ${d}${d}\nf = ${e}${e}\n");
    CHECK_EQ_INT(strlen(ini_get(d, "d", "f")), 64);
    CHECK_EQ_STR(ini_get(d, "d", "c"), "abababab");
    ini_free(d);
}

TEST(undefined_reference_is_error) {
    parse_fails("[s]\na = 1\nb = ${nope}\n", "line 3:", "undefined");
    parse_fails("[s]\nb = ${other.a}\n[other]\nb = 1\n", "line 2:", "undefined");
    parse_fails("a = ${S.a}\n[s]\na = 1\n", "line 1:", "undefined"); /* case-sensitive */
}

TEST(unterminated_reference_is_error) {
    parse_fails("[s]\n\na = ${b\nb = 1\n", "line 3:", "unterminated");
}

TEST(cycles_are_errors) {
    parse_fails("[s]\na = ${a}\n", "line ", "cycle");
    parse_fails("[s]\na = ${b}\nb = ${c}\nc = x${a}\n", "line ", "cycle");
    parse_fails("[p]\na = ${q.b}\n[q]\nb = ${p.a}\n", "line ", "cycle");
}

TEST(syntax_errors_still_reported) {
    parse_fails("[s]\na = ${b}\nbroken\n", "line 3:", "expected key = value");
}

TEST(get_int_values) {
    ini *d = parse_ok("[n]\na = 42\nb = -17\nc = +8\nd = 0\nbig = 9223372036854775807\nref = ${a}0\n");
    long v = 0;
    CHECK_EQ_INT(ini_get_int(d, "n", "a", &v), 0);
    CHECK_EQ_INT(v, 42);
    CHECK_EQ_INT(ini_get_int(d, "n", "b", &v), 0);
    CHECK_EQ_INT(v, -17);
    CHECK_EQ_INT(ini_get_int(d, "n", "c", &v), 0);
    CHECK_EQ_INT(v, 8);
    CHECK_EQ_INT(ini_get_int(d, "n", "d", &v), 0);
    CHECK_EQ_INT(v, 0);
    CHECK_EQ_INT(ini_get_int(d, "n", "big", &v), 0);
    CHECK_EQ_INT(v, LONG_MAX);
    CHECK_EQ_INT(ini_get_int(d, "n", "ref", &v), 0);
    CHECK_EQ_INT(v, 420);
    ini_free(d);
}

TEST(get_int_errors_leave_out_unchanged) {
    ini *d = parse_ok("[n]\nempty =\nword = ten\nmixed = 12abc\nfloat = 1.5\nhuge = 99999999999999999999\n"
                      "sign = -\nspace = 1 2\nhex = 0x10\n");
    long v = 1234;
    CHECK_EQ_INT(ini_get_int(d, "n", "missing", &v), -1);
    CHECK_EQ_INT(ini_get_int(d, "nope", "empty", &v), -1);
    CHECK_EQ_INT(ini_get_int(d, "n", "empty", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "word", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "mixed", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "float", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "huge", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "sign", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "space", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "hex", &v), -2);
    CHECK_EQ_INT(v, 1234);
    ini_free(d);
}

TEST(inserted_text_is_not_scanned_again) {
    ini *d = parse_ok("[s]\nlit = $${x}\nx = X\nuse = [${lit}]\ntwo = $$$$\nuse2 = ${two}\ndollar = $$\n"
                 "glue = ${dollar}{x}\nglue2 = ${dollar}$\nglue3 = ${dollar}${dollar}{x}\n");
    CHECK_EQ_STR(ini_get(d, "s", "lit"), "${x}");
    CHECK_EQ_STR(ini_get(d, "s", "use"), "[${x}]");
    CHECK_EQ_STR(ini_get(d, "s", "use2"), "$$");
    CHECK_EQ_STR(ini_get(d, "s", "glue"), "${x}");
    CHECK_EQ_STR(ini_get(d, "s", "glue2"), "$$");
    CHECK_EQ_STR(ini_get(d, "s", "glue3"), "$${x}");
    ini_free(d);
}

TEST(inserted_text_is_not_scanned_again_across_sections) {
    ini *d = parse_ok("top = $${b.k}\n[a]\nt = $${b.k}\n[b]\nk = no\ncopy = <${a.t}>\nq = ${.top}\n[c]\nn = ${b.copy}${b.q}\n");
    CHECK_EQ_STR(ini_get(d, "b", "copy"), "<${b.k}>");
    CHECK_EQ_STR(ini_get(d, "b", "q"), "${b.k}");
    CHECK_EQ_STR(ini_get(d, "c", "n"), "<${b.k}>${b.k}");
    ini_free(d);
}

TEST(error_line_is_the_final_assignment) {
    parse_fails("[s]\na = 1\nb = x\na = ${missing}\n", "line 4:", "undefined");
    parse_fails("[s]\na = ${missing}\nb = x\na = fine\nc = ${\n", "line 5:", "unterminated");
    parse_fails("[s]\nok = 1\nv = ${}\n", "line 3:", "undefined");
    parse_fails("[s]\nok = 1\nv = ${.}\n", "line 3:", "undefined");
    parse_fails("[s]\nk = 1\nv = ${ k}\n", "line 3:", "undefined"); /* no trimming inside braces */
}

TEST(get_int_extremes_and_leading_zeros) {
    ini *d = parse_ok("[n]\nmin = -9223372036854775808\nbelow = -9223372036854775809\nabove = 9223372036854775808\n"
                      "negzero = -0\npluszero = +0\nzeros = 007\noct = 010\nnegoct = -010\neight = 08\n"
                      "manyzeros = 000000000000000000000000000042\nmaxplus = +9223372036854775807\n");
    long v = 1234;
    CHECK_EQ_INT(ini_get_int(d, "n", "min", &v), 0);
    CHECK(v == LONG_MIN);
    v = 1234;
    CHECK_EQ_INT(ini_get_int(d, "n", "below", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "above", &v), -2);
    CHECK_EQ_INT(v, 1234);
    CHECK_EQ_INT(ini_get_int(d, "n", "negzero", &v), 0);
    CHECK_EQ_INT(v, 0);
    v = 1234;
    CHECK_EQ_INT(ini_get_int(d, "n", "pluszero", &v), 0);
    CHECK_EQ_INT(v, 0);
    CHECK_EQ_INT(ini_get_int(d, "n", "zeros", &v), 0);
    CHECK_EQ_INT(v, 7);
    CHECK_EQ_INT(ini_get_int(d, "n", "oct", &v), 0);
    CHECK_EQ_INT(v, 10);
    CHECK_EQ_INT(ini_get_int(d, "n", "negoct", &v), 0);
    CHECK_EQ_INT(v, -10);
    CHECK_EQ_INT(ini_get_int(d, "n", "eight", &v), 0);
    CHECK_EQ_INT(v, 8);
    CHECK_EQ_INT(ini_get_int(d, "n", "manyzeros", &v), 0);
    CHECK_EQ_INT(v, 42);
    CHECK_EQ_INT(ini_get_int(d, "n", "maxplus", &v), 0);
    CHECK(v == LONG_MAX);
    ini_free(d);
}

TEST(get_int_rejects_blanks_and_signs_made_by_expansion) {
    ini *d = parse_ok("[n]\ne =\nlead = ${e} 5\ntab = ${e}\t5\ntrail = 5 ${e}\nsignsp = - 5\nplusminus = +-5\n"
                      "minusplus = -+5\ndouble = --5\nplus = +\nnl = 5${e}\n");
    long v = 99;
    CHECK_EQ_STR(ini_get(d, "n", "lead"), " 5");
    CHECK_EQ_INT(ini_get_int(d, "n", "lead", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "tab", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "trail", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "signsp", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "plusminus", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "minusplus", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "double", &v), -2);
    CHECK_EQ_INT(ini_get_int(d, "n", "plus", &v), -2);
    CHECK_EQ_INT(v, 99);
    CHECK_EQ_INT(ini_get_int(d, "n", "nl", &v), 0);
    CHECK_EQ_INT(v, 5);
    ini_free(d);
}
