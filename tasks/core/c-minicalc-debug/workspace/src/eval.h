/* eval.h - evaluates a syntax tree. */
#ifndef EVAL_H
#define EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "parser.h"

/* Returns 0 and the value in *out, or -1 with a message in err. */
int eval(const node *n, env *e, int64_t *out, char *err, size_t errsize);

#endif
