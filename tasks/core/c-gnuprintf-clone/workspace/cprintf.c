/* cprintf: a clone of GNU coreutils printf(1) in the C locale. See SPEC.md.
 *
 * This is only a starting point: it checks that a FORMAT operand is given and prints the format's
 * plain characters. Everything else (directives, escapes, argument conversion, diagnostics) is
 * yours to write. */
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "cprintf: missing operand\n");
        fprintf(stderr, "Try 'cprintf --help' for more information.\n");
        return 1;
    }
    for (const char *f = argv[1]; *f; f++) {
        /* TODO: '%' directives and '\' escapes */
        putchar(*f);
    }
    return 0;
}
