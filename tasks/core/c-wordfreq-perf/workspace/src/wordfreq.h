/* wordfreq.h - count word frequencies in text. */
#ifndef WORDFREQ_H
#define WORDFREQ_H

#include <stddef.h>

typedef struct {
    const char *word; /* lower-case, NUL-terminated; owned by the counter */
    size_t count;
} wf_entry;

typedef struct wordfreq wordfreq;

wordfreq *wf_new(void);
void wf_free(wordfreq *wf); /* wf_free(NULL) does nothing */

/* Counts the words in text[0..len). A word is a maximal run of ASCII letters and digits; every
 * other byte (including NUL and bytes >= 0x80) separates words. Letters are folded to lower case.
 * Each call tokenises its own text: a word is never continued from one call to the next. */
void wf_add_text(wordfreq *wf, const char *text, size_t len);

/* Number of different words counted so far. */
size_t wf_distinct(const wordfreq *wf);

/* Total number of words counted so far. */
size_t wf_total(const wordfreq *wf);

/* How many times word was counted (word is compared case-insensitively); 0 if never. */
size_t wf_count(const wordfreq *wf, const char *word);

/* Fills out[0..] with the k most frequent words: higher count first, equal counts in strcmp order
 * of the word. Returns how many entries were filled (min(k, wf_distinct(wf))). The word pointers
 * stay valid until the next wf_add_text or wf_free. */
size_t wf_top(const wordfreq *wf, size_t k, wf_entry *out);

#endif
