/* paths.h - building path strings and lists with strbuf. Results are malloc'ed; free() them. */
#ifndef PATHS_H
#define PATHS_H

#include <stddef.h>

/* Joins n parts with exactly one '/' between them. Empty parts are skipped; slashes at the join
 * points are collapsed. The result starts with '/' if the first non-empty part does and ends with
 * '/' if the last non-empty part does. A part made only of slashes counts as "/". No parts (or only
 * empty ones) give "". Examples: {"usr/", "/lib"} -> "usr/lib", {"/", "etc", "x/"} -> "/etc/x/". */
char *path_join(const char *const *parts, size_t n);

/* "1, 2, 3": the n numbers in decimal separated by ", "; n == 0 gives "". */
char *format_list(const long *values, size_t n);

/* Replaces a trailing extension (".c" in "dir/a.b/x.c") by ext (which includes its dot, or is ""
 * to remove it). A leading dot of the file name ("dir/.profile") is not an extension. */
char *path_with_ext(const char *path, const char *ext);

#endif
