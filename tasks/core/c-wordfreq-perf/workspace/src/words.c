#include "words.h"

#include <stdlib.h>

static int is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void for_each_word(const char *text, size_t len, void (*fn)(void *ctx, const char *word, size_t len),
                   void *ctx) {
    size_t i = 0;
    while (i < len) {
        while (i < len && !is_word_byte((unsigned char)text[i])) i++;
        size_t start = i;
        while (i < len && is_word_byte((unsigned char)text[i])) i++;
        if (i > start) fn(ctx, text + start, i - start);
    }
}

char *lower_dup(const char *s, size_t len) {
    char *out = malloc(len + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[len] = '\0';
    return out;
}
