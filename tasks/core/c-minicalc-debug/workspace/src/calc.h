/* calc.h - minicalc: a small 64-bit integer calculator with variables.
 *
 * Language (one statement per line; spaces, tabs, '\r' and '\n' are ignored between tokens):
 *
 *   stmt    := NAME '=' stmt | expr           assignment; its value is the assigned value, and it
 *                                             is right-associative: a = b = 3 sets both to 3
 *   expr    := expr ('+' | '-') expr          precedence 1, left-associative
 *            | expr ('*' | '/' | '%') expr    precedence 2, left-associative
 *            | ('-' | '+') expr               unary, binds looser than '**': -2 ** 2 is -(2 ** 2)
 *            | expr '**' expr                 power, precedence 4, right-associative:
 *                                             2 ** 3 ** 2 is 2 ** (3 ** 2); the right operand may
 *                                             start with a unary sign: 2 ** -1, 2 ** -x ** 2
 *            | NUMBER | NAME | NAME '(' stmt (',' stmt)* ')' | '(' stmt ')'
 *
 *   NUMBER  decimal digits only (no sign, no '.'); its value must fit in int64_t, else "overflow"
 *           (so the smallest int64 is written -9223372036854775807 - 1)
 *   NAME    [A-Za-z_][A-Za-z0-9_]*, case-sensitive. Functions and variables are separate:
 *           min(...) and max(...) take 1 or more arguments, abs(x) exactly one.
 *
 * Semantics: all arithmetic is on int64_t and every result that does not fit is an error
 * ("overflow"), including -x, abs(x) and x / -1 for the smallest int64. '/' truncates toward
 * zero and '%' is the C remainder (sign of the left operand); x % -1 is 0 for every x.
 * x / 0 and x % 0 are "division by zero". x ** y with y < 0 is "negative exponent";
 * x ** 0 is 1 (also 0 ** 0), and any exponent, however large, is fine when the result fits.
 * Operands and arguments are evaluated left to right and evaluation stops at the first error.
 * An assignment whose right-hand side fails does not create or change its variable; assignments
 * already completed earlier in the same line stay done.
 *
 * Error messages (written to err, always NUL-terminated, cut to errsize bytes):
 *   "syntax error..."                        (anything not matching the grammar; may be followed
 *                                             by details)
 *   "undefined variable 'NAME'"              "unknown function 'NAME'"
 *   "wrong number of arguments to 'NAME'"    "division by zero"
 *   "overflow"                               "negative exponent"
 */
#ifndef CALC_H
#define CALC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct calc calc;

calc *calc_new(void);
void calc_free(calc *c);

/* Evaluates one line. Returns 0 and stores the value in *out; 1 if the line holds no tokens
 * (*out untouched); -1 on an error (message in err, *out untouched). The line is not needed
 * after the call returns: the caller may overwrite or free it. */
int calc_eval(calc *c, const char *line, int64_t *out, char *err, size_t errsize);

/* Returns 1 and stores the value of variable `name` in *out if it is defined, else 0. */
int calc_get(const calc *c, const char *name, int64_t *out);

/* The number of variables defined so far. */
size_t calc_var_count(const calc *c);

/* The interactive tool: reads lines (up to 1023 characters each) from `in` and, for each line,
 * writes the value and '\n', or "error: <message>\n", to `out`; lines with no tokens print
 * nothing. All lines share one calc session. Returns 0 if no line failed, else 1. */
int calc_repl(FILE *in, FILE *out);

#endif
