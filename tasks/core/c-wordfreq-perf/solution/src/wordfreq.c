#include "wordfreq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

/* Distinct words live in `entries` (first-appearance order); `slots` is an open-addressing hash
 * table of indexes into it (0 = empty, otherwise index + 1). */
struct wordfreq {
    wf_entry *entries;
    size_t len, cap;
    size_t *slots;
    size_t nslots; /* a power of two */
    size_t total;
};

static uint64_t hash(const char *s, size_t len) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

wordfreq *wf_new(void) {
    wordfreq *wf = calloc(1, sizeof *wf);
    if (!wf) return NULL;
    wf->nslots = 1024;
    wf->slots = calloc(wf->nslots, sizeof *wf->slots);
    if (!wf->slots) {
        free(wf);
        return NULL;
    }
    return wf;
}

void wf_free(wordfreq *wf) {
    if (!wf) return;
    for (size_t i = 0; i < wf->len; i++) free((char *)wf->entries[i].word);
    free(wf->entries);
    free(wf->slots);
    free(wf);
}

/* The slot holding the lower-case word w[0..len), or the empty slot where it would go. */
static size_t *lookup(const wordfreq *wf, const char *w, size_t len) {
    size_t mask = wf->nslots - 1, i = (size_t)hash(w, len) & mask;
    for (;;) {
        size_t *slot = &wf->slots[i];
        if (*slot == 0) return slot;
        const char *e = wf->entries[*slot - 1].word;
        if (strncmp(e, w, len) == 0 && e[len] == '\0') return slot;
        i = (i + 1) & mask;
    }
}

static void rehash(wordfreq *wf) {
    size_t n = wf->nslots * 2;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots) abort();
    free(wf->slots);
    wf->slots = slots;
    wf->nslots = n;
    for (size_t i = 0; i < wf->len; i++) {
        const char *w = wf->entries[i].word;
        *lookup(wf, w, strlen(w)) = i + 1;
    }
}

static void add_word(void *ctx, const char *word, size_t len) {
    wordfreq *wf = ctx;
    char buf[64];
    char *w = len < sizeof buf ? buf : malloc(len + 1);
    if (!w) abort();
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        w[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    w[len] = '\0';
    wf->total++;
    size_t *slot = lookup(wf, w, len);
    if (*slot) {
        wf->entries[*slot - 1].count++;
    } else {
        if (wf->len == wf->cap) {
            size_t cap = wf->cap ? wf->cap * 2 : 64;
            wf_entry *p = realloc(wf->entries, cap * sizeof *p);
            if (!p) abort();
            wf->entries = p;
            wf->cap = cap;
        }
        char *copy = lower_dup(w, len);
        if (!copy) abort();
        wf->entries[wf->len].word = copy;
        wf->entries[wf->len].count = 1;
        wf->len++;
        *slot = wf->len;
        if (wf->len * 10 > wf->nslots * 7) rehash(wf);
    }
    if (w != buf) free(w);
}

void wf_add_text(wordfreq *wf, const char *text, size_t len) { for_each_word(text, len, add_word, wf); }

size_t wf_distinct(const wordfreq *wf) { return wf->len; }

size_t wf_total(const wordfreq *wf) { return wf->total; }

size_t wf_count(const wordfreq *wf, const char *word) {
    size_t len = strlen(word);
    char *w = lower_dup(word, len);
    if (!w) abort();
    size_t *slot = lookup(wf, w, len);
    free(w);
    return *slot ? wf->entries[*slot - 1].count : 0;
}

static int cmp_entries(const void *pa, const void *pb) {
    const wf_entry *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return strcmp(a->word, b->word);
}

size_t wf_top(const wordfreq *wf, size_t k, wf_entry *out) {
    size_t n = wf->len;
    if (k > n) k = n;
    if (k == 0) return 0;
    wf_entry *sorted = malloc(n * sizeof *sorted);
    if (!sorted) abort();
    memcpy(sorted, wf->entries, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_entries);
    memcpy(out, sorted, k * sizeof *out);
    free(sorted);
    return k;
}
