/* tinytest.h - a tiny single-header test framework for C tasks (C99 or later, POSIX).
 *
 *   #include "tinytest.h"          (installed as /opt/harness/include/tinytest.h)
 *
 *   TEST(adds_small_numbers) {
 *       CHECK(add(1, 2) > 0);
 *       CHECK_EQ_INT(add(1, 2), 3);
 *       CHECK_EQ_STR(greet("bob"), "hello bob");
 *       CHECK_NEAR(mean(xs, 3), 2.5, 1e-9);
 *   }
 *   TEST_TIMEOUT(big_input, 30) { ... }          (a per-test limit in seconds)
 *
 * Tests register themselves (constructor attribute), so any number of test files can be linked
 * together; the header supplies main() (as a weak symbol, so your own main() wins; call
 * tinytest_main(argc, argv) from it, or define TINYTEST_NO_MAIN to leave main() out).
 * Grading is stricter: hidden tests include this header by its absolute path (a tinytest.h of the
 * workspace is never used), are compiled with -DTINYTEST_NO_MAIN and linked with
 * /opt/harness/tinytest_main.c, whose main() is strong: a main() in the code under test then fails
 * to link (see /opt/harness/c-test-judged).
 *
 * Checks: CHECK(cond), CHECK_MSG(cond, fmt, ...), CHECK_EQ_INT(a, b), CHECK_NE_INT(a, b),
 * CHECK_EQ_STR(a, b), CHECK_EQ_MEM(a, b, n), CHECK_NEAR(a, b, eps), FAIL(fmt, ...).
 * Each argument is evaluated once. A failed check reports file:line and ends that test at once.
 *
 * The runner runs each test in a forked child process, so a crash (segfault, abort, ...) fails
 * only that test, and each test has a wall-clock limit (default 30 s; environment TINYTEST_TIMEOUT
 * overrides the default). It prints one line per test and "N passed, N failed", writes a JUnit
 * XML report to the file named by $HARNESS_JUNIT (if set) and exits 1 if any test failed.
 * Command-line arguments select tests whose name contains one of them: ./t parse_ rejects_.
 */
#ifndef TINYTEST_H
#define TINYTEST_H

#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

/* Not declared by <signal.h> in strict ISO modes (-std=c11) when a system header came first. */
extern int kill(pid_t pid, int sig);

#define TINYTEST_MAX_MSG 2048
#define TINYTEST_FN_ static __attribute__((unused))

typedef struct tinytest_case {
    const char *name;
    void (*fn)(void);
    const char *file;
    int line;
    int timeout_sec;
    struct tinytest_case *next;
} tinytest_case;

/* Shared by every translation unit that includes this header (weak: one copy after linking). */
__attribute__((weak)) tinytest_case *tinytest_head_;
__attribute__((weak)) int tinytest_result_fd_ = -1;
__attribute__((weak)) volatile const char *tinytest_last_file_;
__attribute__((weak)) volatile int tinytest_last_line_;

TINYTEST_FN_ void tinytest_register_(tinytest_case *c) {
    c->next = tinytest_head_;
    tinytest_head_ = c;
}

#define TINYTEST_CAT2_(a, b) a##b
#define TINYTEST_CAT_(a, b) TINYTEST_CAT2_(a, b)

#define TEST_TIMEOUT(name, seconds)                                                          \
    static void TINYTEST_CAT_(tinytest_fn_, name)(void);                                     \
    static tinytest_case TINYTEST_CAT_(tinytest_case_, name) = {                             \
        #name, TINYTEST_CAT_(tinytest_fn_, name), __FILE__, __LINE__, (seconds), NULL};      \
    __attribute__((constructor)) static void TINYTEST_CAT_(tinytest_reg_, name)(void) {      \
        tinytest_register_(&TINYTEST_CAT_(tinytest_case_, name));                            \
    }                                                                                        \
    static void TINYTEST_CAT_(tinytest_fn_, name)(void)

#define TEST(name) TEST_TIMEOUT(name, 0)

/* ---- reporting a failure from inside the child ---------------------------------------------- */

TINYTEST_FN_ void tinytest_write_all_(int fd, const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

__attribute__((noreturn, format(printf, 3, 4))) TINYTEST_FN_ void tinytest_fail_(const char *file, int line,
                                                                          const char *fmt, ...) {
    char msg[TINYTEST_MAX_MSG];
    int n = snprintf(msg, sizeof msg, "%s:%d: ", file, line);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof msg) n = (int)sizeof msg - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    fflush(stdout);
    fflush(stderr);
    if (tinytest_result_fd_ >= 0) {
        tinytest_write_all_(tinytest_result_fd_, msg, strlen(msg));
    } else {
        fprintf(stderr, "%s\n", msg);
    }
    _exit(1);
}

/* A string shown in a message: quoted, with non-printable and non-ASCII bytes as \xNN, cut short. */
TINYTEST_FN_ const char *tinytest_quote_(const char *s, char *buf, size_t size) {
    if (s == NULL) return "NULL";
    size_t o = 0;
    buf[o++] = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p && o + 8 < size; p++) {
        if (*p == '\n') { buf[o++] = '\\'; buf[o++] = 'n'; }
        else if (*p == '\t') { buf[o++] = '\\'; buf[o++] = 't'; }
        else if (*p == '"' || *p == '\\') { buf[o++] = '\\'; buf[o++] = (char)*p; }
        else if (*p < 0x20 || *p >= 0x7f) o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *p);
        else buf[o++] = (char)*p;
        if (o + 8 >= size && p[1]) { memcpy(buf + o, "...", 3); o += 3; break; }
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}

#define TINYTEST_MARK_() (tinytest_last_file_ = __FILE__, tinytest_last_line_ = __LINE__)

#define FAIL(...) tinytest_fail_(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) tinytest_fail_(__FILE__, __LINE__, "CHECK(%s) failed", #cond);          \
        TINYTEST_MARK_();                                                                    \
    } while (0)

#define CHECK_MSG(cond, ...)                                                                 \
    do {                                                                                     \
        if (!(cond)) tinytest_fail_(__FILE__, __LINE__, __VA_ARGS__);                        \
        TINYTEST_MARK_();                                                                    \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                   \
    do {                                                                                     \
        long long tt_a_ = (long long)(a), tt_b_ = (long long)(b);                            \
        if (tt_a_ != tt_b_)                                                                  \
            tinytest_fail_(__FILE__, __LINE__, "CHECK_EQ_INT(%s, %s) failed: %lld != %lld", #a, \
                           #b, tt_a_, tt_b_);                                                \
        TINYTEST_MARK_();                                                                    \
    } while (0)

#define CHECK_NE_INT(a, b)                                                                   \
    do {                                                                                     \
        long long tt_a_ = (long long)(a), tt_b_ = (long long)(b);                            \
        if (tt_a_ == tt_b_)                                                                  \
            tinytest_fail_(__FILE__, __LINE__, "CHECK_NE_INT(%s, %s) failed: both are %lld", #a, \
                           #b, tt_a_);                                                       \
        TINYTEST_MARK_();                                                                    \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                   \
    do {                                                                                     \
        const char *tt_a_ = (a), *tt_b_ = (b);                                               \
        if (tt_a_ == NULL || tt_b_ == NULL ? tt_a_ != tt_b_ : strcmp(tt_a_, tt_b_) != 0) {   \
            char tt_qa_[800], tt_qb_[800];                                                   \
            tinytest_fail_(__FILE__, __LINE__, "CHECK_EQ_STR(%s, %s) failed: %s != %s", #a, #b, \
                           tinytest_quote_(tt_a_, tt_qa_, sizeof tt_qa_),                    \
                           tinytest_quote_(tt_b_, tt_qb_, sizeof tt_qb_));                   \
        }                                                                                    \
        TINYTEST_MARK_();                                                                    \
    } while (0)

#define CHECK_EQ_MEM(a, b, n)                                                                \
    do {                                                                                     \
        const unsigned char *tt_a_ = (const unsigned char *)(a);                             \
        const unsigned char *tt_b_ = (const unsigned char *)(b);                             \
        size_t tt_n_ = (size_t)(n), tt_i_;                                                   \
        for (tt_i_ = 0; tt_i_ < tt_n_; tt_i_++)                                              \
            if (tt_a_[tt_i_] != tt_b_[tt_i_])                                                \
                tinytest_fail_(__FILE__, __LINE__,                                           \
                               "CHECK_EQ_MEM(%s, %s, %s) failed: byte %zu is 0x%02x != 0x%02x", \
                               #a, #b, #n, tt_i_, tt_a_[tt_i_], tt_b_[tt_i_]);               \
        TINYTEST_MARK_();                                                                    \
    } while (0)

#define CHECK_NEAR(a, b, eps)                                                                \
    do {                                                                                     \
        double tt_a_ = (double)(a), tt_b_ = (double)(b), tt_e_ = (double)(eps);              \
        if (!(fabs(tt_a_ - tt_b_) <= tt_e_))                                                 \
            tinytest_fail_(__FILE__, __LINE__,                                               \
                           "CHECK_NEAR(%s, %s, %s) failed: %.17g and %.17g differ by more than %g", \
                           #a, #b, #eps, tt_a_, tt_b_, tt_e_);                               \
        TINYTEST_MARK_();                                                                    \
    } while (0)

/* ---- the runner ------------------------------------------------------------------------------ */

#ifndef TINYTEST_NO_MAIN

TINYTEST_FN_ const char *tinytest_signame_(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGABRT: return "SIGABRT (abort, e.g. a failed assert() or heap corruption)";
    case SIGFPE: return "SIGFPE (arithmetic error, e.g. division by zero)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGALRM: return "SIGALRM";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
    }
}

/* In the child: on a crash, say where the last passing check was, then die of the same signal. */
TINYTEST_FN_ void tinytest_crash_handler_(int sig) {
    const char *f = (const char *)tinytest_last_file_;
    if (f != NULL && tinytest_result_fd_ >= 0) {
        char num[16];
        int n = tinytest_last_line_, i = (int)sizeof num;
        num[--i] = ')';
        do { num[--i] = (char)('0' + n % 10); n /= 10; } while (n > 0 && i > 1);
        num[--i] = ':';
        const char *pre = "(after the last passing check at ";
        tinytest_write_all_(tinytest_result_fd_, pre, strlen(pre));
        tinytest_write_all_(tinytest_result_fd_, f, strlen(f));
        tinytest_write_all_(tinytest_result_fd_, num + i, sizeof num - (size_t)i);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

TINYTEST_FN_ double tinytest_now_(void) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

TINYTEST_FN_ int tinytest_cmp_(const void *pa, const void *pb) {
    const tinytest_case *a = *(const tinytest_case *const *)pa, *b = *(const tinytest_case *const *)pb;
    int c = strcmp(a->file, b->file);
    return c != 0 ? c : (a->line > b->line) - (a->line < b->line);
}

/* XML text/attribute content: escape markup, drop bytes XML 1.0 cannot hold or that may not be UTF-8. */
TINYTEST_FN_ void tinytest_xml_(FILE *f, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        case '\n': fputs("&#10;", f); break;
        case '\t': fputs("&#9;", f); break;
        default: fputc(*p < 0x20 || *p >= 0x7f ? '?' : *p, f);
        }
    }
}

typedef struct {
    const tinytest_case *tc;
    int failed;
    double secs;
    char msg[TINYTEST_MAX_MSG + 256];
} tinytest_result_;

TINYTEST_FN_ void tinytest_run_one_(const tinytest_case *tc, int default_timeout, tinytest_result_ *r) {
    int timeout = tc->timeout_sec > 0 ? tc->timeout_sec : default_timeout;
    int fds[2];
    r->tc = tc;
    r->failed = 0;
    r->msg[0] = '\0';
    fflush(stdout);
    fflush(stderr);
    double t0 = tinytest_now_();
    if (pipe(fds) != 0) {
        r->failed = 1;
        snprintf(r->msg, sizeof r->msg, "runner: pipe() failed");
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        r->failed = 1;
        snprintf(r->msg, sizeof r->msg, "runner: fork() failed");
        close(fds[0]);
        close(fds[1]);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        tinytest_result_fd_ = fds[1];
        tinytest_last_file_ = NULL;
        signal(SIGSEGV, tinytest_crash_handler_);
        signal(SIGBUS, tinytest_crash_handler_);
        signal(SIGFPE, tinytest_crash_handler_);
        signal(SIGILL, tinytest_crash_handler_);
        signal(SIGABRT, tinytest_crash_handler_);
        alarm((unsigned)timeout);
        tc->fn();
        fflush(stdout);
        fflush(stderr);
        _exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    int killed = 0;
    for (;;) {
        struct pollfd pfd;
        pfd.fd = fds[0];
        pfd.events = POLLIN;
        pfd.revents = 0;
        int left_ms = (int)((t0 + timeout + 2.0 - tinytest_now_()) * 1000);
        if (left_ms <= 0 || poll(&pfd, 1, left_ms) == 0) {
            kill(pid, SIGKILL); /* the child outlived its alarm (it blocked or caught SIGALRM) */
            killed = 1;
            break;
        }
        char buf[512];
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0) continue;
        if (n == 0) break;
        size_t take = (size_t)n;
        if (len + take > TINYTEST_MAX_MSG) take = TINYTEST_MAX_MSG - len;
        memcpy(r->msg + len, buf, take);
        len += take;
    }
    r->msg[len] = '\0';
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    r->secs = tinytest_now_() - t0;
    size_t used = strlen(r->msg), room = sizeof r->msg - used;
    if (killed || (WIFSIGNALED(status) && (WTERMSIG(status) == SIGALRM))) {
        r->failed = 1;
        snprintf(r->msg + used, room, "%stimed out after %d s (infinite loop or too slow?)",
                 used ? " " : "", timeout);
    } else if (WIFSIGNALED(status)) {
        r->failed = 1;
        snprintf(r->msg + used, room, "%scrashed: killed by signal %d, %s", used ? " " : "",
                 WTERMSIG(status), tinytest_signame_(WTERMSIG(status)));
        if (used && r->msg[0] == '(') { /* put the crash first, the last check after it */
            char tmp[sizeof r->msg];
            snprintf(tmp, sizeof tmp, "crashed: killed by signal %d, %s %.*s", WTERMSIG(status),
                     tinytest_signame_(WTERMSIG(status)), (int)used, r->msg);
            memcpy(r->msg, tmp, sizeof tmp);
        }
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        r->failed = 1;
        if (used == 0)
            snprintf(r->msg, sizeof r->msg, "the test exited with status %d (exit() called, or a sanitizer error?)",
                     WEXITSTATUS(status));
    } else if (used) {
        r->failed = 1; /* a message but a clean exit: should not happen */
    }
}

TINYTEST_FN_ int tinytest_main(int argc, char **argv) {
    size_t count = 0, i;
    for (tinytest_case *c = tinytest_head_; c; c = c->next) count++;
    tinytest_case **all = (tinytest_case **)calloc(count ? count : 1, sizeof *all);
    tinytest_result_ *res = (tinytest_result_ *)calloc(count ? count : 1, sizeof *res);
    if (!all || !res) {
        fprintf(stderr, "tinytest: out of memory\n");
        return 2;
    }
    i = 0;
    for (tinytest_case *c = tinytest_head_; c; c = c->next) all[i++] = c;
    qsort(all, count, sizeof *all, tinytest_cmp_);

    int default_timeout = 30;
    const char *env = getenv("TINYTEST_TIMEOUT");
    if (env && atoi(env) > 0) default_timeout = atoi(env);

    size_t ran = 0, failed = 0;
    double total = 0;
    for (i = 0; i < count; i++) {
        int selected = argc <= 1;
        for (int a = 1; a < argc && !selected; a++) selected = strstr(all[i]->name, argv[a]) != NULL;
        if (!selected) continue;
        tinytest_result_ *r = &res[ran++];
        tinytest_run_one_(all[i], default_timeout, r);
        total += r->secs;
        if (r->failed) {
            failed++;
            printf("[ FAIL ] %s (%.3fs)\n         %s\n", all[i]->name, r->secs, r->msg);
        } else {
            printf("[  OK  ] %s (%.3fs)\n", all[i]->name, r->secs);
        }
        fflush(stdout);
    }
    printf("%zu passed, %zu failed\n", ran - failed, failed);
    if (argc > 1 && ran == 0) printf("tinytest: no test name contains the given arguments\n");

    const char *path = getenv("HARNESS_JUNIT");
    if (path && *path) {
        FILE *f = fopen(path, "w");
        if (!f) {
            fprintf(stderr, "tinytest: cannot write the JUnit report to %s\n", path);
        } else {
            fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            fprintf(f, "<testsuites tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"%.3f\">\n", ran,
                    failed, total);
            fprintf(f, "  <testsuite name=\"tinytest\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                       "skipped=\"0\" time=\"%.3f\">\n", ran, failed, total);
            for (i = 0; i < ran; i++) {
                const char *file = res[i].tc->file, *slash = strrchr(file, '/');
                fputs("    <testcase classname=\"", f);
                tinytest_xml_(f, slash ? slash + 1 : file);
                fputs("\" name=\"", f);
                tinytest_xml_(f, res[i].tc->name);
                fprintf(f, "\" time=\"%.3f\"", res[i].secs);
                if (res[i].failed) {
                    fputs(">\n      <failure message=\"", f);
                    tinytest_xml_(f, res[i].msg);
                    fputs("\">", f);
                    tinytest_xml_(f, res[i].msg);
                    fputs("</failure>\n    </testcase>\n", f);
                } else {
                    fputs("/>\n", f);
                }
            }
            fputs("  </testsuite>\n</testsuites>\n", f);
            fclose(f);
        }
    }
    free(all);
    free(res);
    return failed > 0 || (argc > 1 && ran == 0) ? 1 : 0;
}

#ifdef TINYTEST_STRONG_MAIN
/* /opt/harness/tinytest_main.c: the grading build links this one, so another main fails to link. */
int main(int argc, char **argv);
int main(int argc, char **argv) { return tinytest_main(argc, argv); }
#else
__attribute__((weak)) int main(int argc, char **argv) { return tinytest_main(argc, argv); }
#endif

#endif /* TINYTEST_NO_MAIN */
#endif /* TINYTEST_H */
