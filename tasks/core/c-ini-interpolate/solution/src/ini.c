#include "ini.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *section, *key, *value;
    int line;
    int state; /* expansion: 0 not yet, 1 in progress, 2 done */
} entry;

struct ini {
    entry *e;
    size_t n, cap;
};

static char *dup_range(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) abort();
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void trim(const char **s, size_t *n) {
    while (*n && (**s == ' ' || **s == '\t')) (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r')) (*n)--;
}

static entry *find(const ini *doc, const char *section, const char *key) {
    for (size_t i = 0; i < doc->n; i++)
        if (strcmp(doc->e[i].section, section) == 0 && strcmp(doc->e[i].key, key) == 0) return &doc->e[i];
    return NULL;
}

static void set(ini *doc, const char *section, char *key, char *value, int line) {
    entry *old = find(doc, section, key);
    if (old) {
        free(key);
        free(old->value);
        old->value = value;
        old->line = line;
        return;
    }
    if (doc->n == doc->cap) {
        doc->cap = doc->cap ? doc->cap * 2 : 16;
        doc->e = realloc(doc->e, doc->cap * sizeof *doc->e);
        if (!doc->e) abort();
    }
    doc->e[doc->n].section = dup_range(section, strlen(section));
    doc->e[doc->n].key = key;
    doc->e[doc->n].value = value;
    doc->e[doc->n].line = line;
    doc->e[doc->n].state = 0;
    doc->n++;
}

static ini *fail(ini *doc, char *section, char *err, size_t errsz, int line, const char *why) {
    if (err && errsz) snprintf(err, errsz, "line %d: %s", line, why);
    free(section);
    ini_free(doc);
    return NULL;
}

typedef struct {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 32;
        b->s = realloc(b->s, b->cap);
        if (!b->s) abort();
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Replaces e->value by its expansion; 0 or -1 (message in err). */
static int expand(ini *doc, entry *e, char *err, size_t errsz) {
    if (e->state == 2) return 0;
    if (e->state == 1) {
        if (err && errsz)
            snprintf(err, errsz, "line %d: reference cycle through '%s.%s'", e->line, e->section, e->key);
        return -1;
    }
    e->state = 1;
    buf out = {NULL, 0, 0};
    put(&out, "", 0);
    const char *v = e->value;
    while (*v) {
        const char *dollar = strchr(v, '$');
        if (!dollar) {
            put(&out, v, strlen(v));
            break;
        }
        put(&out, v, (size_t)(dollar - v));
        if (dollar[1] == '$') {
            put(&out, "$", 1);
            v = dollar + 2;
        } else if (dollar[1] == '{') {
            const char *close = strchr(dollar + 2, '}');
            if (!close) {
                if (err && errsz) snprintf(err, errsz, "line %d: unterminated reference", e->line);
                free(out.s);
                return -1;
            }
            char *name = dup_range(dollar + 2, (size_t)(close - dollar - 2));
            char *dot = strchr(name, '.');
            entry *target;
            if (dot) {
                *dot = '\0';
                target = find(doc, name, dot + 1);
                *dot = '.';
            } else {
                target = find(doc, e->section, name);
            }
            if (!target) {
                if (err && errsz) snprintf(err, errsz, "line %d: undefined reference '%s'", e->line, name);
                free(name);
                free(out.s);
                return -1;
            }
            free(name);
            if (expand(doc, target, err, errsz) != 0) {
                free(out.s);
                return -1;
            }
            put(&out, target->value, strlen(target->value));
            v = close + 1;
        } else {
            put(&out, "$", 1);
            v = dollar + 1;
        }
    }
    free(e->value);
    e->value = out.s;
    e->state = 2;
    return 0;
}

ini *ini_parse(const char *text, char *err, size_t errsz) {
    ini *doc = calloc(1, sizeof *doc);
    if (!doc) return NULL;
    char *section = dup_range("", 0);
    int line = 0;
    const char *p = text;
    while (*p) {
        line++;
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *s = p;
        p = nl ? nl + 1 : p + n;
        trim(&s, &n);
        if (n == 0 || *s == ';' || *s == '#') continue;
        if (*s == '[') {
            if (s[n - 1] != ']') return fail(doc, section, err, errsz, line, "bad section header");
            const char *name = s + 1;
            size_t len = n - 2;
            trim(&name, &len);
            if (len == 0) return fail(doc, section, err, errsz, line, "empty section name");
            free(section);
            section = dup_range(name, len);
            continue;
        }
        const char *eq = memchr(s, '=', n);
        if (!eq) return fail(doc, section, err, errsz, line, "expected key = value");
        const char *k = s, *v = eq + 1;
        size_t kn = (size_t)(eq - s), vn = n - kn - 1;
        trim(&k, &kn);
        trim(&v, &vn);
        if (kn == 0) return fail(doc, section, err, errsz, line, "empty key");
        set(doc, section, dup_range(k, kn), dup_range(v, vn), line);
    }
    free(section);
    for (size_t i = 0; i < doc->n; i++)
        if (expand(doc, &doc->e[i], err, errsz) != 0) {
            ini_free(doc);
            return NULL;
        }
    return doc;
}

void ini_free(ini *doc) {
    if (!doc) return;
    for (size_t i = 0; i < doc->n; i++) {
        free(doc->e[i].section);
        free(doc->e[i].key);
        free(doc->e[i].value);
    }
    free(doc->e);
    free(doc);
}

const char *ini_get(const ini *doc, const char *section, const char *key) {
    const entry *e = find(doc, section, key);
    return e ? e->value : NULL;
}

int ini_get_int(const ini *doc, const char *section, const char *key, long *out) {
    const char *v = ini_get(doc, section, key);
    if (!v) return -1;
    const char *d = (*v == '-' || *v == '+') ? v + 1 : v;
    if (*d < '0' || *d > '9') return -2;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno == ERANGE || *end != '\0') return -2;
    *out = x;
    return 0;
}

size_t ini_section_count(const ini *doc) {
    size_t count = 0;
    for (size_t i = 0; i < doc->n; i++) {
        size_t j = 0;
        while (j < i && strcmp(doc->e[j].section, doc->e[i].section) != 0) j++;
        if (j == i) count++;
    }
    return count;
}
