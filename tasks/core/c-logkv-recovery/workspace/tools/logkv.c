/* logkv FILE put KEY VALUE | get KEY | del KEY | list | compact | stats */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logkv.h"

static int print_entry(void *ctx, const void *key, size_t klen, const void *val, size_t vlen) {
    (void)ctx;
    fwrite(key, 1, klen, stdout);
    fputc('\t', stdout);
    fwrite(val, 1, vlen, stdout);
    fputc('\n', stdout);
    return 0;
}

static int usage(void) {
    fprintf(stderr, "usage: logkv FILE put KEY VALUE | get KEY | del KEY | list | compact | stats\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 3) return usage();
    const char *cmd = argv[2];
    int want = 3;
    if (strcmp(cmd, "put") == 0) want = 5;
    else if (strcmp(cmd, "get") == 0 || strcmp(cmd, "del") == 0) want = 4;
    else if (strcmp(cmd, "list") && strcmp(cmd, "compact") && strcmp(cmd, "stats")) return usage();
    if (argc != want) return usage();

    lkv *db;
    int rc = lkv_open(argv[1], &db);
    if (rc != LKV_OK) {
        fprintf(stderr, "logkv: %s: %s\n", argv[1], lkv_strerror(rc));
        return 1;
    }
    int status = 0;
    if (strcmp(cmd, "put") == 0) {
        rc = lkv_put(db, argv[3], strlen(argv[3]), argv[4], strlen(argv[4]));
    } else if (strcmp(cmd, "get") == 0) {
        void *val;
        size_t vlen;
        rc = lkv_get(db, argv[3], strlen(argv[3]), &val, &vlen);
        if (rc == LKV_OK) {
            fwrite(val, 1, vlen, stdout);
            fputc('\n', stdout);
            free(val);
        }
    } else if (strcmp(cmd, "del") == 0) {
        rc = lkv_del(db, argv[3], strlen(argv[3]));
    } else if (strcmp(cmd, "list") == 0) {
        rc = lkv_foreach(db, print_entry, NULL);
    } else if (strcmp(cmd, "compact") == 0) {
        rc = lkv_compact(db);
    } else {
        lkv_stats_t st;
        rc = lkv_stats(db, &st);
        if (rc == LKV_OK)
            printf("live_keys %llu\nfile_bytes %llu\nlive_bytes %llu\ntruncated_bytes %llu\n",
                   (unsigned long long)st.live_keys, (unsigned long long)st.file_bytes,
                   (unsigned long long)st.live_bytes, (unsigned long long)st.truncated_bytes);
    }
    if (rc == LKV_NOTFOUND) {
        fprintf(stderr, "logkv: %s: not found\n", argv[3]);
        status = 1;
    } else if (rc != LKV_OK) {
        fprintf(stderr, "logkv: %s\n", lkv_strerror(rc));
        status = 1;
    }
    lkv_close(db);
    return status;
}
