#include "kvstore.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hashmap.h"

struct kvstore {
    hashmap *map;
    arena keys; /* key strings live here (a deleted key's bytes are simply not reused) */
};

kvstore *kv_new(void) {
    kvstore *kv = malloc(sizeof *kv);
    if (!kv) return NULL;
    kv->map = hm_new(16);
    if (!kv->map) {
        free(kv);
        return NULL;
    }
    arena_init(&kv->keys, 256);
    return kv;
}

void kv_free(kvstore *kv) {
    if (!kv) return;
    hm_free(kv->map);
    arena_free(&kv->keys);
    free(kv);
}

#define MAX_WORDS 4

/* Splits line into at most MAX_WORDS space-separated words (copied into buf); returns the count,
 * or -1 if there are more. */
static int split(const char *line, char *buf, size_t bufsz, char **words) {
    size_t n = strlen(line);
    if (n >= bufsz) return -1;
    memcpy(buf, line, n + 1);
    int count = 0;
    char *p = buf;
    for (;;) {
        while (*p == ' ') p++;
        if (!*p) break;
        if (count == MAX_WORDS) return -1;
        words[count++] = p;
        while (*p && *p != ' ') p++;
        if (*p) *p++ = '\0';
    }
    return count;
}

static int valid_key(const char *k) {
    size_t n = strlen(k);
    if (n == 0 || n > 200) return 0;
    for (; *k; k++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:.-", *k)) return 0;
    return 1;
}

static int parse_int64(const char *s, int64_t *v) {
    char *end;
    if (!*s) return 0;
    const char *d = *s == '-' ? s + 1 : s;
    if (*d < '0' || *d > '9') return 0;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (errno == ERANGE || *end) return 0;
    *v = (int64_t)x;
    return 1;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static int reply_err(char *out, size_t outsz, const char *why) {
    snprintf(out, outsz, "ERR %s", why);
    return -1;
}

int kv_exec(kvstore *kv, const char *line, char *out, size_t outsz) {
    char buf[512];
    char *w[MAX_WORDS];
    int n = split(line, buf, sizeof buf, w);
    if (n <= 0) return reply_err(out, outsz, "bad command");
    const char *cmd = w[0];
    int64_t v, d;
    if (strcmp(cmd, "COUNT") == 0 && n == 1) {
        snprintf(out, outsz, "%zu", hm_size(kv->map));
        return 0;
    }
    if (strcmp(cmd, "KEYS") == 0 && n == 1) {
        size_t count = hm_size(kv->map), o = 0;
        const char **keys = malloc((count ? count : 1) * sizeof *keys);
        if (!keys) return reply_err(out, outsz, "out of memory");
        count = hm_keys(kv->map, keys, count);
        qsort(keys, count, sizeof *keys, cmp_str);
        if (outsz) out[0] = '\0';
        for (size_t i = 0; i < count && o + 1 < outsz; i++) {
            int k = snprintf(out + o, outsz - o, i ? " %s" : "%s", keys[i]);
            if (k < 0) break;
            o += (size_t)k;
        }
        free(keys);
        return 0;
    }
    if (n < 2 || !valid_key(w[1])) return reply_err(out, outsz, "bad command or key");
    const char *key = w[1];
    if (strcmp(cmd, "GET") == 0 && n == 2) {
        if (hm_get(kv->map, key, &v))
            snprintf(out, outsz, "%" PRId64, v);
        else
            snprintf(out, outsz, "(nil)");
        return 0;
    }
    if (strcmp(cmd, "DEL") == 0 && n == 2) {
        snprintf(out, outsz, "%d", hm_remove(kv->map, key));
        return 0;
    }
    if ((strcmp(cmd, "SET") == 0 || strcmp(cmd, "INCR") == 0) && n == 3) {
        if (!parse_int64(w[2], &d)) return reply_err(out, outsz, "not an integer");
        int exists = hm_get(kv->map, key, &v);
        if (cmd[0] == 'I') {
            if (!exists) v = 0;
            if ((d > 0 && v > INT64_MAX - d) || (d < 0 && v < INT64_MIN - d))
                return reply_err(out, outsz, "overflow");
            v += d;
        } else {
            v = d;
        }
        if (exists) {
            hm_put(kv->map, key, v); /* replaces the value; the stored key pointer stays */
        } else {
            char *k = arena_strndup(&kv->keys, key, strlen(key));
            if (!k || hm_put(kv->map, k, v) < 0) return reply_err(out, outsz, "out of memory");
        }
        if (cmd[0] == 'I')
            snprintf(out, outsz, "%" PRId64, v);
        else
            snprintf(out, outsz, "OK");
        return 0;
    }
    return reply_err(out, outsz, "bad command");
}
