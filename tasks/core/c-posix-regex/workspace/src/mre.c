#include <stdlib.h>

#include "mre.h"
#include "prog.h"

int mre_compile(const char *pattern, mre **out) {
    if (!out) return MRE_ESYNTAX;
    *out = NULL;
    if (!pattern) return MRE_ESYNTAX;
    node *tree;
    int rc = parse_pattern(pattern, &tree);
    if (rc != MRE_OK) return rc;
    mre *re = calloc(1, sizeof *re);
    if (!re) {
        node_free(tree);
        return MRE_ENOMEM;
    }
    rc = prog_compile(tree, &re->p);
    node_free(tree);
    if (rc != MRE_OK) {
        free(re);
        return rc;
    }
    *out = re;
    return MRE_OK;
}

void mre_free(mre *re) {
    if (!re) return;
    prog_free(&re->p);
    free(re);
}
