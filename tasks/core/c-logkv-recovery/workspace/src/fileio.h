#ifndef LKV_FILEIO_H
#define LKV_FILEIO_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* pread/pwrite that retry on EINTR and short transfers.
 * fio_pread_full returns the number of bytes read (less than n only at end of file) or -1.
 * fio_pwrite_full returns 0 when all n bytes were written, -1 otherwise. */
ssize_t fio_pread_full(int fd, void *buf, size_t n, uint64_t off);
int fio_pwrite_full(int fd, const void *buf, size_t n, uint64_t off);

/* The size of the open file, or -1. */
int64_t fio_size(int fd);

/* fsync the directory that holds path (after a rename). 0 on success. */
int fio_sync_parent(const char *path);

#endif
