/* A few basic checks. Build and run: make test */
#include <string.h>

#include "/opt/harness/include/tinytest.h"
#include "mre.h"

static int find(const char *pat, const char *text, size_t *so, size_t *eo) {
    mre *re;
    CHECK_EQ_INT(mre_compile(pat, &re), MRE_OK);
    int m = mre_search(re, text, strlen(text), so, eo);
    mre_free(re);
    return m;
}

TEST(basic_literal) {
    size_t so, eo;
    CHECK_EQ_INT(find("bc", "abcd", &so, &eo), 1);
    CHECK_EQ_INT((int)so, 1);
    CHECK_EQ_INT((int)eo, 3);
    CHECK_EQ_INT(find("x", "abcd", &so, &eo), 0);
}

TEST(basic_star_plus) {
    size_t so, eo;
    CHECK_EQ_INT(find("ab*c", "xabbbc", &so, &eo), 1);
    CHECK_EQ_INT((int)so, 1);
    CHECK_EQ_INT((int)eo, 6);
    CHECK_EQ_INT(find("b+", "abbbc", &so, &eo), 1);
    CHECK_EQ_INT((int)so, 1);
    CHECK_EQ_INT((int)eo, 4);
}

TEST(basic_syntax_error) {
    mre *re;
    CHECK_EQ_INT(mre_compile("a(b", &re), MRE_ESYNTAX);
}
