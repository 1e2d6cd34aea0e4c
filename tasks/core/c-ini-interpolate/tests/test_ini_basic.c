#include <string.h>

#include "ini.h"
#include "/opt/harness/include/tinytest.h"

static char err[256];

TEST(parses_sections_and_keys) {
    ini *d = ini_parse("top = 1\n[server]\nhost = example.org\nport=8080\n\n[client]\n  name =  bob  \n", err,
                       sizeof err);
    CHECK_MSG(d != NULL, "parse failed: %s", err);
    CHECK_EQ_STR(ini_get(d, "", "top"), "1");
    CHECK_EQ_STR(ini_get(d, "server", "host"), "example.org");
    CHECK_EQ_STR(ini_get(d, "server", "port"), "8080");
    CHECK_EQ_STR(ini_get(d, "client", "name"), "bob");
    CHECK(ini_get(d, "client", "host") == NULL);
    CHECK_EQ_INT(ini_section_count(d), 3);
    ini_free(d);
}

TEST(comments_crlf_and_empty_values) {
    ini *d = ini_parse("; comment\r\n# another\r\n[a]\r\nk =\r\n  [ b c ]  \r\nx = y = z\r\n", err, sizeof err);
    CHECK_MSG(d != NULL, "parse failed: %s", err);
    CHECK_EQ_STR(ini_get(d, "a", "k"), "");
    CHECK_EQ_STR(ini_get(d, "b c", "x"), "y = z");
    CHECK_EQ_INT(ini_section_count(d), 2);
    ini_free(d);
}

TEST(later_assignment_wins_and_sections_continue) {
    ini *d = ini_parse("[s]\nk=1\n[t]\nk=2\n[s]\nk=3\nj=4\n", err, sizeof err);
    CHECK(d != NULL);
    CHECK_EQ_STR(ini_get(d, "s", "k"), "3");
    CHECK_EQ_STR(ini_get(d, "s", "j"), "4");
    CHECK_EQ_STR(ini_get(d, "t", "k"), "2");
    CHECK_EQ_INT(ini_section_count(d), 2);
    ini_free(d);
}

TEST(syntax_errors_name_the_line) {
    CHECK(ini_parse("[ok]\nno equals sign\n", err, sizeof err) == NULL);
    CHECK_EQ_STR(err, "line 2: expected key = value");
    CHECK(ini_parse("a=1\n\n[broken\n", err, sizeof err) == NULL);
    CHECK_EQ_STR(err, "line 3: bad section header");
    CHECK(ini_parse("[ ]\n", err, sizeof err) == NULL);
    CHECK_EQ_STR(err, "line 1: empty section name");
    CHECK(ini_parse(" = 5\n", err, sizeof err) == NULL);
    CHECK_EQ_STR(err, "line 1: empty key");
    CHECK(ini_parse("x\n", NULL, 0) == NULL);
}
