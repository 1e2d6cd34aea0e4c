/* The algorithm registry: built-ins first, then whatever ck_register() added, in order. */
#include <ctype.h>
#include <string.h>

#include "ckalgo.h"

static const ck_algo *registry[CK_MAX_ALGOS] = {
    &ck_crc32, &ck_adler32, &ck_fnv1a32, &ck_fletcher16, &ck_sum8,
};
static size_t registered = 5;

static int valid_name(const char *name) {
    if (name == NULL) return 0;
    size_t n = strlen(name);
    if (n == 0 || n > CK_NAME_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return 0;
    }
    return 1;
}

static int same_name(const char *a, const char *b) {
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
    return *a == *b;
}

const ck_algo *ck_find(const char *name) {
    if (name == NULL) return NULL;
    for (size_t i = 0; i < registered; i++)
        if (same_name(name, registry[i]->name)) return registry[i];
    return NULL;
}

int ck_register(const ck_algo *algo) {
    if (algo == NULL || !valid_name(algo->name)) return -1;
    if (algo->bits != 8 && algo->bits != 16 && algo->bits != 32) return -1;
    if (algo->init == NULL || algo->update == NULL || algo->final == NULL) return -1;
    if (ck_find(algo->name) != NULL) return -2;
    if (registered == CK_MAX_ALGOS) return -3;
    registry[registered++] = algo;
    return 0;
}

size_t ck_algo_count(void) { return registered; }

const ck_algo *ck_algo_at(size_t i) { return i < registered ? registry[i] : NULL; }
