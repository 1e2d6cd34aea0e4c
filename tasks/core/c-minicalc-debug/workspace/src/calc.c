#include "calc.h"

#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "eval.h"
#include "lexer.h"
#include "parser.h"

struct calc {
    env vars;
};

calc *calc_new(void) {
    calc *c = malloc(sizeof *c);
    if (!c) return NULL;
    env_init(&c->vars);
    return c;
}

void calc_free(calc *c) {
    if (!c) return;
    env_free(&c->vars);
    free(c);
}

int calc_eval(calc *c, const char *line, int64_t *out, char *err, size_t errsize) {
    char scratch[8];
    if (err == NULL || errsize == 0) {
        err = scratch;
        errsize = sizeof scratch;
    }
    err[0] = '\0';
    token *toks;
    size_t ntoks;
    if (lex(line, &toks, &ntoks, err, errsize)) return -1;
    if (toks[0].kind == T_END) {
        free(toks);
        return 1;
    }
    node *tree = parse(toks, ntoks, err, errsize);
    int rc = -1;
    if (tree) {
        int64_t v;
        if (eval(tree, &c->vars, &v, err, errsize) == 0) {
            *out = v;
            rc = 0;
        }
        node_free(tree);
    }
    free(toks);
    return rc;
}

int calc_get(const calc *c, const char *name, int64_t *out) {
    int64_t *v = env_find(&c->vars, name, strlen(name));
    if (!v) return 0;
    *out = *v;
    return 1;
}

size_t calc_var_count(const calc *c) { return c->vars.count; }

int calc_repl(FILE *in, FILE *out) {
    calc *c = calc_new();
    if (!c) return 1;
    char line[1024], err[256];
    int status = 0;
    while (fgets(line, sizeof line, in)) {
        int64_t v;
        int rc = calc_eval(c, line, &v, err, sizeof err);
        if (rc == 0) {
            fprintf(out, "%lld\n", (long long)v);
        } else if (rc < 0) {
            fprintf(out, "error: %s\n", err);
            status = 1;
        }
    }
    calc_free(c);
    return status;
}
