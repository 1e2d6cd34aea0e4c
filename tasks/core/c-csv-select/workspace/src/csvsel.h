/* csvsel.h - select columns of CSV data (the command-line tool csvsel). */
#ifndef CSVSEL_H
#define CSVSEL_H

#include <stdio.h>

/* Runs `csvsel` with its command line (argv[0] is the program name): reads CSV from the FILE named
 * on the command line, or from `in` when there is none or it is "-", writes the result to `out` and
 * error messages to `err`. Returns the exit status (0 ok, 1 bad input or unreadable file, 2 usage). */
int csvsel_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

#endif
