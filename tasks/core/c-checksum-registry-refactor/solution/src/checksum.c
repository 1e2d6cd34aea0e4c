/* The checksum API on top of the algorithm registry: nothing here knows any one algorithm. */
#include "checksum.h"

int ck_init_with(ck_state *st, const ck_algo *algo) {
    if (st == NULL || algo == NULL) return -1;
    st->algo = algo;
    st->w[0] = 0;
    st->w[1] = 0;
    algo->init(st->w);
    return 0;
}

int ck_init(ck_state *st, const char *algo) {
    const ck_algo *a = ck_find(algo);
    if (a == NULL) return -1;
    return ck_init_with(st, a);
}

void ck_update(ck_state *st, const void *data, size_t len) {
    if (len > 0) st->algo->update(st->w, (const unsigned char *)data, len);
}

uint32_t ck_value(const ck_state *st) {
    uint32_t v = st->algo->final(st->w);
    return st->algo->bits >= 32 ? v : v & ((UINT32_C(1) << st->algo->bits) - 1);
}

int ck_hex(const ck_state *st, char *out, size_t size) {
    static const char hexchars[] = "0123456789abcdef";
    int digits = (int)(st->algo->bits / 4);
    if (out == NULL || size < (size_t)digits + 1) return -1;
    uint32_t v = ck_value(st);
    for (int i = digits - 1; i >= 0; i--) {
        out[i] = hexchars[v & 0xFu];
        v >>= 4;
    }
    out[digits] = '\0';
    return digits;
}

int ck_compute(const char *algo, const void *data, size_t len, char *out, size_t size) {
    ck_state st;
    if (ck_init(&st, algo) != 0) return -1;
    ck_update(&st, data, len);
    int n = ck_hex(&st, out, size);
    return n < 0 ? -2 : n;
}

size_t ck_list(const char **names, size_t max) {
    size_t total = ck_algo_count();
    for (size_t i = 0; i < total && i < max; i++) names[i] = ck_algo_at(i)->name;
    return total;
}
