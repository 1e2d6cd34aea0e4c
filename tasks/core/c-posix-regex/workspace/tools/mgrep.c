/* mgrep [-o] [-c] PATTERN [FILE...]: print the lines of the files (or stdin) that match PATTERN
 * (REGEX.md); -o prints each match instead, one per line; -c prints the number of matching lines. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mre.h"

static long grep_stream(FILE *f, const mre *re, int only, int count) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long hits = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n') len--;
        size_t so, eo;
        if (!mre_search(re, line, len, &so, &eo)) continue;
        hits++;
        if (count) continue;
        if (!only) {
            fwrite(line, 1, len, stdout);
            fputc('\n', stdout);
            continue;
        }
        size_t base = 0;
        for (;;) {
            if (eo > so) {
                fwrite(line + base + so, 1, eo - so, stdout);
                fputc('\n', stdout);
            }
            base += eo > so ? eo : so + 1;
            if (base > len || !mre_search(re, line + base, len - base, &so, &eo)) break;
        }
    }
    free(line);
    return hits;
}

int main(int argc, char **argv) {
    int only = 0, count = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-o") == 0) only = 1;
        else if (strcmp(argv[i], "-c") == 0) count = 1;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            fprintf(stderr, "mgrep: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: mgrep [-o] [-c] PATTERN [FILE...]\n");
        return 2;
    }
    mre *re;
    int rc = mre_compile(argv[i], &re);
    if (rc != MRE_OK) {
        fprintf(stderr, "mgrep: %s: %s\n", argv[i], rc == MRE_ESYNTAX ? "invalid pattern" : "out of memory");
        return 2;
    }
    long hits = 0;
    if (i + 1 >= argc) hits = grep_stream(stdin, re, only, count);
    for (int k = i + 1; k < argc; k++) {
        FILE *f = fopen(argv[k], "r");
        if (!f) {
            fprintf(stderr, "mgrep: %s: cannot open\n", argv[k]);
            continue;
        }
        hits += grep_stream(f, re, only, count);
        fclose(f);
    }
    if (count) printf("%ld\n", hits);
    mre_free(re);
    return hits ? 0 : 1;
}
