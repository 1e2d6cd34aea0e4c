/* btkv: command-line access to a store.
 *
 *   btkv FILE put KEY VALUE      store a pair (KEY and VALUE may use \xHH escapes)
 *   btkv FILE get KEY            print the value
 *   btkv FILE del KEY            delete a key
 *   btkv FILE scan [FROM]        print every pair (from FROM on), one per line
 *   btkv FILE load               read "KEY<TAB>VALUE" lines from stdin and put them
 *   btkv FILE stats              print the store's statistics
 *   btkv FILE dump               print every page of the file
 *
 * Exit status: 0 success, 1 key not found, 2 any other error (one line on stderr).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btkv.h"

static const char *prog = "btkv";

static int fail(const char *what, int rc) {
    fprintf(stderr, "%s: %s: %s\n", prog, what, btkv_strerror(rc));
    return 2;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes \xHH, \\, \t and \n escapes; returns the length or -1. */
static long unescape(const char *s, unsigned char *out, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        int c = (unsigned char)s[i];
        if (c == '\\') {
            char e = s[++i];
            if (e == 'x') {
                int h = hexval(s[i + 1]), l = h < 0 ? -1 : hexval(s[i + 2]);
                if (h < 0 || l < 0) return -1;
                c = h * 16 + l;
                i += 2;
            } else if (e == '\\') {
                c = '\\';
            } else if (e == 't') {
                c = '\t';
            } else if (e == 'n') {
                c = '\n';
            } else {
                return -1;
            }
        }
        if (n == cap) return -1;
        out[n++] = (unsigned char)c;
    }
    return (long)n;
}

static void print_escaped(const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c == '\\')
            fputs("\\\\", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c < 0x20 || c >= 0x7f)
            printf("\\x%02x", c);
        else
            putchar((int)c);
    }
}

static int cmd_scan(btkv *db, const char *from) {
    btkv_cursor *c;
    int rc = btkv_cursor_open(db, &c);
    if (rc != BTKV_OK) return fail("scan", rc);
    if (from) {
        unsigned char k[BTKV_MAX_KEY + 1];
        long kl = unescape(from, k, sizeof k);
        if (kl < 0) {
            btkv_cursor_close(c);
            fprintf(stderr, "%s: scan: bad escape in key\n", prog);
            return 2;
        }
        rc = btkv_cursor_seek(c, k, (size_t)kl);
    } else {
        rc = btkv_cursor_first(c);
    }
    while (rc == BTKV_OK) {
        const void *k, *v;
        size_t kl, vl;
        btkv_cursor_key(c, &k, &kl);
        btkv_cursor_value(c, &v, &vl);
        print_escaped(k, kl);
        putchar('\t');
        print_escaped(v, vl);
        putchar('\n');
        rc = btkv_cursor_next(c);
    }
    btkv_cursor_close(c);
    return rc == BTKV_END ? 0 : fail("scan", rc);
}

static int cmd_load(btkv *db) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0, n = 0;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n') line[--len] = 0;
        if (len == 0) continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "%s: load: line %ld: no tab\n", prog, lineno);
            free(line);
            return 2;
        }
        *tab = 0;
        unsigned char k[BTKV_MAX_KEY + 1], v[BTKV_MAX_VALUE + 1];
        long kl = unescape(line, k, sizeof k), vl = unescape(tab + 1, v, sizeof v);
        if (kl < 0 || vl < 0) {
            fprintf(stderr, "%s: load: line %ld: bad escape or too long\n", prog, lineno);
            free(line);
            return 2;
        }
        int rc = btkv_put(db, k, (size_t)kl, v, (size_t)vl);
        if (rc != BTKV_OK) {
            char what[64];
            snprintf(what, sizeof what, "load: line %ld", lineno);
            free(line);
            return fail(what, rc);
        }
        n++;
    }
    free(line);
    printf("%ld pairs loaded\n", n);
    return 0;
}

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int cmd_dump(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: cannot open\n", prog, path);
        return 2;
    }
    unsigned char pg[BTKV_PAGE_SIZE];
    for (uint32_t n = 0; fread(pg, 1, sizeof pg, f) == sizeof pg; n++) {
        if (n == 0) {
            printf("page 0: header page_count=%u root=%u depth=%u free_head=%u free_count=%u "
                   "keys=%llu\n",
                   le32(pg + 12), le32(pg + 16), le32(pg + 20), le32(pg + 24), le32(pg + 28),
                   (unsigned long long)le32(pg + 32) | ((unsigned long long)le32(pg + 36) << 32));
            continue;
        }
        unsigned ncells = pg[2] | (pg[3] << 8), used = pg[12] | (pg[13] << 8);
        const char *type = pg[0] == 1 ? "leaf" : pg[0] == 2 ? "internal" : pg[0] == 3 ? "free" : "?";
        printf("page %u: %s cells=%u used=%u link=%u\n", n, type, ncells, used, le32(pg + 8));
        const unsigned char *p = pg + 16, *end = pg + 16 + (used <= 1008 ? used : 1008);
        for (unsigned i = 0; i < ncells && p + 4 <= end; i++) {
            unsigned kl = p[0] | (p[1] << 8);
            printf("    ");
            if (pg[0] == 1) {
                unsigned vl = p[2] | (p[3] << 8);
                if (p + 4 + kl + vl > end) break;
                print_escaped(p + 4, kl);
                printf(" = %u bytes\n", vl);
                p += 4 + kl + vl;
            } else {
                if (p + 6 + kl > end) break;
                print_escaped(p + 6, kl);
                printf(" -> %u\n", le32(p + 2));
                p += 6 + kl;
            }
        }
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s FILE put|get|del|scan|load|stats|dump [ARGS]\n", prog);
        return 2;
    }
    const char *path = argv[1], *cmd = argv[2];
    if (strcmp(cmd, "dump") == 0) return cmd_dump(path);
    int create = strcmp(cmd, "put") == 0 || strcmp(cmd, "load") == 0;
    btkv *db;
    int rc = btkv_open(path, create ? BTKV_CREATE : 0, &db);
    if (rc != BTKV_OK) return fail(path, rc);
    int status = 0;
    unsigned char k[BTKV_MAX_KEY + 1], v[BTKV_MAX_VALUE + 1];
    long kl = argc > 3 ? unescape(argv[3], k, sizeof k) : 0;
    if (kl < 0) {
        fprintf(stderr, "%s: bad escape or key too long\n", prog);
        btkv_close(db);
        return 2;
    }
    if (strcmp(cmd, "put") == 0 && argc == 5) {
        long vl = unescape(argv[4], v, sizeof v);
        if (vl < 0) {
            fprintf(stderr, "%s: bad escape or value too long\n", prog);
            status = 2;
        } else if ((rc = btkv_put(db, k, (size_t)kl, v, (size_t)vl)) != BTKV_OK) {
            status = fail("put", rc);
        }
    } else if (strcmp(cmd, "get") == 0 && argc == 4) {
        size_t vl;
        rc = btkv_get(db, k, (size_t)kl, v, sizeof v, &vl);
        if (rc == BTKV_OK) {
            print_escaped(v, vl);
            putchar('\n');
        } else {
            status = rc == BTKV_NOTFOUND ? (fprintf(stderr, "%s: key not found\n", prog), 1)
                                         : fail("get", rc);
        }
    } else if (strcmp(cmd, "del") == 0 && argc == 4) {
        rc = btkv_del(db, k, (size_t)kl);
        if (rc != BTKV_OK)
            status = rc == BTKV_NOTFOUND ? (fprintf(stderr, "%s: key not found\n", prog), 1)
                                         : fail("del", rc);
    } else if (strcmp(cmd, "scan") == 0 && argc <= 4) {
        status = cmd_scan(db, argc == 4 ? argv[3] : NULL);
    } else if (strcmp(cmd, "load") == 0 && argc == 3) {
        status = cmd_load(db);
    } else if (strcmp(cmd, "stats") == 0 && argc == 3) {
        btkv_stats st;
        rc = btkv_stats_get(db, &st);
        if (rc != BTKV_OK) {
            status = fail("stats", rc);
        } else {
            printf("pages %u\nfree %u\ndepth %u\nleaves %u\ninternal %u\nkeys %llu\n", st.page_count,
                   st.free_pages, st.depth, st.leaf_pages, st.internal_pages,
                   (unsigned long long)st.key_count);
        }
    } else {
        fprintf(stderr, "%s: bad command or arguments: %s\n", prog, cmd);
        status = 2;
    }
    btkv_close(db);
    return status;
}
