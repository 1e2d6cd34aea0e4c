#include "ini.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *section, *key, *value;
    int line;
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
    doc->n++;
}

static ini *fail(ini *doc, char *section, char *err, size_t errsz, int line, const char *why) {
    if (err && errsz) snprintf(err, errsz, "line %d: %s", line, why);
    free(section);
    ini_free(doc);
    return NULL;
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

size_t ini_section_count(const ini *doc) {
    size_t count = 0;
    for (size_t i = 0; i < doc->n; i++) {
        size_t j = 0;
        while (j < i && strcmp(doc->e[j].section, doc->e[i].section) != 0) j++;
        if (j == i) count++;
    }
    return count;
}
