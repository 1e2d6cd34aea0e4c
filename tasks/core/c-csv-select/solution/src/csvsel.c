#include "csvsel.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    long lo, hi;      /* 1-based; hi == 0 means "to the last column" */
    const char *name; /* a header name still to be resolved, or NULL */
} item;

typedef struct {
    char **f;
    size_t n, cap;
} record;

static int is_digits(const char *s, size_t n) {
    if (n == 0 || n > 9) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Parses LIST into items; returns the count, or -1 if malformed. */
static long parse_list(char *list, int header, item **out) {
    size_t cap = 8, n = 0;
    item *items = malloc(cap * sizeof *items);
    char *p = list;
    if (!items) return -1;
    if (*list == '\0') goto bad;
    for (;;) {
        char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0) goto bad;
        if (n == cap) {
            cap *= 2;
            item *q = realloc(items, cap * sizeof *q);
            if (!q) goto bad;
            items = q;
        }
        item it = {0, 0, NULL};
        char *dash = memchr(p, '-', len);
        if (is_digits(p, len)) {
            it.lo = it.hi = strtol(p, NULL, 10);
            if (it.lo < 1) goto bad;
        } else if (dash && is_digits(p, (size_t)(dash - p)) &&
                   (dash + 1 == p + len || is_digits(dash + 1, (size_t)(p + len - dash - 1)))) {
            it.lo = strtol(p, NULL, 10);
            it.hi = dash + 1 == p + len ? 0 : strtol(dash + 1, NULL, 10);
            if (it.lo < 1 || (it.hi != 0 && it.hi < it.lo)) goto bad;
        } else if (header) {
            if (end) *end = '\0';
            it.name = p;
        } else {
            goto bad;
        }
        items[n++] = it;
        if (!end) break;
        p = end + 1;
    }
    *out = items;
    return (long)n;
bad:
    free(items);
    return -1;
}

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            char *q = realloc(buf, cap *= 2);
            if (!q) {
                free(buf);
                return NULL;
            }
            buf = q;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    *len = n;
    return buf;
}

static void rec_push(record *r, char *s) {
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->f = realloc(r->f, r->cap * sizeof *r->f);
        if (!r->f) abort();
    }
    r->f[r->n++] = s;
}

static void rec_clear(record *r) {
    for (size_t i = 0; i < r->n; i++) free(r->f[i]);
    r->n = 0;
}

/* Reads one record starting at *pos; returns 1 if one was read, 0 at end of input, -1 on error
 * (message written). *line counts input lines. */
static int next_record(const char *buf, size_t len, size_t *pos, char delim, record *r, long *line,
                       FILE *err) {
    size_t i = *pos;
    long start_line = *line;
    if (i >= len) return 0;
    rec_clear(r);
    for (;;) {
        /* find where this field ends, to size its buffer */
        size_t j = i;
        if (j < len && buf[j] == '"') {
            for (j++; j < len; j++) {
                if (buf[j] != '"') continue;
                if (j + 1 < len && buf[j + 1] == '"') {
                    j++;
                    continue;
                }
                break;
            }
        } else {
            while (j < len && buf[j] != delim && buf[j] != '\n') j++;
        }
        size_t room = j - i + 1;
        char *field = malloc(room);
        size_t o = 0;
        if (!field) abort();
        if (i < len && buf[i] == '"') {
            i++;
            for (;;) {
                if (i >= len) {
                    free(field);
                    fprintf(err, "csvsel: line %ld: unterminated quoted field\n", start_line);
                    return -1;
                }
                if (buf[i] == '"') {
                    if (i + 1 < len && buf[i + 1] == '"') {
                        field[o++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (buf[i] == '\n') (*line)++;
                field[o++] = buf[i++];
            }
            if (i < len && buf[i] != delim && buf[i] != '\n' &&
                !(buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n') && !(buf[i] == '\r' && i + 1 == len)) {
                free(field);
                fprintf(err, "csvsel: line %ld: unexpected character after a quoted field\n", *line);
                return -1;
            }
        } else {
            while (i < len && buf[i] != delim && buf[i] != '\n' &&
                   !(buf[i] == '\r' && (i + 1 == len || buf[i + 1] == '\n')))
                field[o++] = buf[i++];
        }
        field[o] = '\0';
        rec_push(r, field);
        if (i < len && buf[i] == delim) {
            i++;
            continue;
        }
        if (i < len && buf[i] == '\r') i++;
        if (i < len && buf[i] == '\n') {
            i++;
            (*line)++;
        }
        break;
    }
    *pos = i;
    return 1;
}

static void put_field(FILE *out, const char *s, char delim, int *first) {
    if (!*first) fputc(delim, out);
    *first = 0;
    if (strchr(s, delim) || strpbrk(s, "\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"') fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

int csvsel_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
    char *list = NULL;
    const char *file = NULL;
    char delim = ',';
    int header = 0;
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        if (strcmp(arg, "-f") == 0 || strcmp(arg, "-d") == 0) {
            if (a + 1 >= argc) {
                fprintf(err, "csvsel: option %s needs a value\n", arg);
                return 2;
            }
            if (arg[1] == 'f') {
                list = argv[++a];
            } else {
                const char *d = argv[++a];
                if (strlen(d) != 1 || d[0] == '"' || d[0] == '\r' || d[0] == '\n') {
                    fprintf(err, "csvsel: bad delimiter '%s'\n", d);
                    return 2;
                }
                delim = d[0];
            }
        } else if (strcmp(arg, "-H") == 0) {
            header = 1;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(err, "csvsel: unknown option %s\n", arg);
            return 2;
        } else if (file) {
            fprintf(err, "csvsel: more than one file\n");
            return 2;
        } else {
            file = arg;
        }
    }
    if (!list) {
        fprintf(err, "usage: csvsel -f LIST [-d C] [-H] [FILE]\ncsvsel: missing -f\n");
        return 2;
    }
    size_t list_len = strlen(list);
    char *list_copy = malloc(list_len + 1);
    if (!list_copy) return 1;
    memcpy(list_copy, list, list_len + 1);
    item *items = NULL;
    long nitems = parse_list(list_copy, header, &items);
    if (nitems < 0) {
        fprintf(err, "csvsel: bad field list '%s'\n", list);
        free(list_copy);
        return 2;
    }
    FILE *src = in;
    if (file && strcmp(file, "-") != 0) {
        src = fopen(file, "rb");
        if (!src) {
            fprintf(err, "csvsel: cannot open %s\n", file);
            free(items);
            free(list_copy);
            return 1;
        }
    }
    size_t len = 0, pos = 0;
    char *buf = read_all(src, &len);
    if (src != in) fclose(src);
    if (!buf) abort();
    record r = {NULL, 0, 0};
    long line = 1, nrec = 0;
    int status = 0, got;
    while ((got = next_record(buf, len, &pos, delim, &r, &line, err)) == 1) {
        if (nrec++ == 0 && header) {
            for (long k = 0; k < nitems; k++) {
                if (!items[k].name) continue;
                size_t c = 0;
                while (c < r.n && strcmp(r.f[c], items[k].name) != 0) c++;
                if (c == r.n) {
                    fprintf(err, "csvsel: no column named '%s'\n", items[k].name);
                    status = 2;
                    goto done;
                }
                items[k].lo = items[k].hi = (long)c + 1;
                items[k].name = NULL;
            }
        }
        int first = 1;
        for (long k = 0; k < nitems; k++) {
            long hi = items[k].hi ? items[k].hi : (long)r.n;
            for (long c = items[k].lo; c <= hi; c++)
                put_field(out, (size_t)c <= r.n ? r.f[c - 1] : "", delim, &first);
        }
        fputc('\n', out);
    }
    if (got < 0) status = 1;
    if (status == 0 && header && nrec == 0) {
        for (long k = 0; k < nitems; k++)
            if (items[k].name) {
                fprintf(err, "csvsel: no column named '%s'\n", items[k].name);
                status = 2;
                break;
            }
    }
done:
    rec_clear(&r);
    free(r.f);
    free(buf);
    free(items);
    free(list_copy);
    return status;
}
