#include "wordfreq.h"

#include <stdlib.h>
#include <string.h>

#include "words.h"

struct wordfreq {
    wf_entry *entries; /* the distinct words, in order of first appearance */
    size_t len, cap;
    size_t total;
};

wordfreq *wf_new(void) { return calloc(1, sizeof(wordfreq)); }

void wf_free(wordfreq *wf) {
    if (!wf) return;
    for (size_t i = 0; i < wf->len; i++) free((char *)wf->entries[i].word);
    free(wf->entries);
    free(wf);
}

static wf_entry *find(const wordfreq *wf, const char *word) {
    for (size_t i = 0; i < wf->len; i++)
        if (strcmp(wf->entries[i].word, word) == 0) return &wf->entries[i];
    return NULL;
}

static void add_word(void *ctx, const char *word, size_t len) {
    wordfreq *wf = ctx;
    char *w = lower_dup(word, len);
    if (!w) abort();
    wf->total++;
    wf_entry *e = find(wf, w);
    if (e) {
        e->count++;
        free(w);
        return;
    }
    if (wf->len == wf->cap) {
        size_t cap = wf->cap ? wf->cap * 2 : 16;
        wf_entry *p = realloc(wf->entries, cap * sizeof *p);
        if (!p) abort();
        wf->entries = p;
        wf->cap = cap;
    }
    wf->entries[wf->len].word = w;
    wf->entries[wf->len].count = 1;
    wf->len++;
}

void wf_add_text(wordfreq *wf, const char *text, size_t len) { for_each_word(text, len, add_word, wf); }

size_t wf_distinct(const wordfreq *wf) { return wf->len; }

size_t wf_total(const wordfreq *wf) { return wf->total; }

size_t wf_count(const wordfreq *wf, const char *word) {
    char *w = lower_dup(word, strlen(word));
    if (!w) abort();
    const wf_entry *e = find(wf, w);
    free(w);
    return e ? e->count : 0;
}

static int before(const wf_entry *a, const wf_entry *b) {
    if (a->count != b->count) return a->count > b->count;
    return strcmp(a->word, b->word) < 0;
}

size_t wf_top(const wordfreq *wf, size_t k, wf_entry *out) {
    size_t n = wf->len;
    wf_entry *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) abort();
    /* insertion sort, most frequent first */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && before(&wf->entries[i], &sorted[j - 1])) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = wf->entries[i];
    }
    if (k > n) k = n;
    memcpy(out, sorted, k * sizeof *out);
    free(sorted);
    return k;
}
