/* Hidden tests (judge isolation): differential tests of the agent's /tmp/cprintf (built as the agent
 * by the grading command, run through agentrun) against the real GNU printf of this image, run by
 * the judge itself. Every case is run as `LC_ALL=C printf ARGS` and `LC_ALL=C /tmp/cprintf ARGS`;
 * stdout must be byte-identical, the exit status equal, and stderr equal to printf's stderr with the
 * line prefixes "printf: " and "Try 'printf --help'" renamed to cprintf. Cases run in batches: one
 * shell script per batch, so the agent's program is started through a single agentrun call. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "/opt/harness/include/tinytest.h"

#define MAXARGS 24

typedef struct {
    int argc;
    char *argv[MAXARGS];
} tcase;

/* ---- deterministic random numbers (xorshift64*) ---- */
static uint64_t rs;
static void seed(uint64_t s) { rs = s * 0x9E3779B97F4A7C15ULL + 1; }
static uint64_t rnd(void) {
    rs ^= rs >> 12;
    rs ^= rs << 25;
    rs ^= rs >> 27;
    return rs * 2685821657736338717ULL;
}
static int rn(int n) { return (int)(rnd() % (uint64_t)n); }
static const char *pick(const char *const *xs, int n) { return xs[rn(n)]; }
#define PICK(xs) pick(xs, (int)(sizeof xs / sizeof xs[0]))

/* ---- a growing string ---- */
typedef struct {
    char *p;
    size_t n, cap;
} buf;
static void put(buf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2 + 64;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

/* ---- running a batch ---- */
static void shq(buf *b, const char *s) {
    puts_(b, "'");
    for (; *s; s++) {
        if (*s == '\'')
            puts_(b, "'\\''");
        else
            put(b, s, 1);
    }
    puts_(b, "'");
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        *len = 0;
        return strdup("<missing>");
    }
    buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) put(&b, tmp, n);
    fclose(f);
    if (!b.p) put(&b, "", 0);
    *len = b.n;
    return b.p;
}

/* printf's stderr as cprintf's must be. */
static char *rename_err(const char *e, size_t n, size_t *outn) {
    buf b = {0};
    put(&b, "", 0);
    size_t i = 0;
    while (i < n) {
        if (strncmp(e + i, "printf: ", 8) == 0) {
            puts_(&b, "cprintf: ");
            i += 8;
        } else if (strncmp(e + i, "Try 'printf --help'", 19) == 0) {
            puts_(&b, "Try 'cprintf --help'");
            i += 19;
        }
        const char *nl = memchr(e + i, '\n', n - i);
        size_t k = nl ? (size_t)(nl - (e + i)) + 1 : n - i;
        put(&b, e + i, k);
        i += k;
    }
    *outn = b.n;
    return b.p;
}

static void show(buf *m, const char *s, size_t n) {
    for (size_t i = 0; i < n && i < 300; i++) {
        unsigned char c = (unsigned char)s[i];
        char t[8];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            snprintf(t, sizeof t, "%c", c);
        else
            snprintf(t, sizeof t, "\\x%02x", c);
        puts_(m, t);
    }
    if (n > 300) puts_(m, "...");
}

static void describe(buf *m, const tcase *c) {
    puts_(m, "cprintf");
    for (int i = 0; i < c->argc; i++) {
        puts_(m, " ");
        buf a = {0};
        shq(&a, c->argv[i]);
        show(m, a.p, a.n);
        free(a.p);
    }
}

/* Runs every case with the real printf and with the agent's program; returns the index of the first
 * mismatch (or -1) and fills why. */
static int run_batch(const tcase *cs, int n, buf *why) {
    char real[] = "/tmp/cpf-real-XXXXXX", mine[] = "/tmp/cpf-agent-XXXXXX";
    if (!mkdtemp(real) || !mkdtemp(mine)) {
        puts_(why, "mkdtemp failed");
        return 0;
    }
    chmod(mine, 0777);
    char script[64];
    snprintf(script, sizeof script, "%s/run.sh", real);
    buf s = {0};
    puts_(&s, "cd \"$1\" || exit 99\n");
    for (int i = 0; i < n; i++) {
        char pre[64];
        snprintf(pre, sizeof pre, "LC_ALL=C env \"$2\"");
        puts_(&s, pre);
        for (int j = 0; j < cs[i].argc; j++) {
            puts_(&s, " ");
            shq(&s, cs[i].argv[j]);
        }
        char post[96];
        snprintf(post, sizeof post, " >o%d 2>e%d </dev/null; echo $? >s%d\n", i, i, i);
        puts_(&s, post);
    }
    FILE *f = fopen(script, "w");
    fwrite(s.p, 1, s.n, f);
    fclose(f);
    chmod(real, 0755);
    chmod(script, 0644);
    free(s.p);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sh %s %s printf", script, real);
    if (system(cmd) != 0) {
        puts_(why, "running the real printf failed");
        return 0;
    }
    snprintf(cmd, sizeof cmd, "agentrun --timeout 100 sh %s %s /tmp/cprintf", script, mine);
    int st = system(cmd);
    if (st != 0) {
        char t[96];
        snprintf(t, sizeof t, "the batch run of /tmp/cprintf failed (status %d)", st);
        puts_(why, t);
        return 0;
    }
    int bad = -1;
    for (int i = 0; i < n && bad < 0; i++) {
        char p[96];
        size_t ro, re, rsn, mo, me, msn, xe;
        snprintf(p, sizeof p, "%s/o%d", real, i);
        char *o1 = slurp(p, &ro);
        snprintf(p, sizeof p, "%s/e%d", real, i);
        char *e1 = slurp(p, &re);
        snprintf(p, sizeof p, "%s/s%d", real, i);
        char *s1 = slurp(p, &rsn);
        snprintf(p, sizeof p, "%s/o%d", mine, i);
        char *o2 = slurp(p, &mo);
        snprintf(p, sizeof p, "%s/e%d", mine, i);
        char *e2 = slurp(p, &me);
        snprintf(p, sizeof p, "%s/s%d", mine, i);
        char *s2 = slurp(p, &msn);
        char *ex = rename_err(e1, re, &xe);
        const char *what = NULL;
        if (ro != mo || memcmp(o1, o2, ro) != 0)
            what = "stdout";
        else if (xe != me || memcmp(ex, e2, xe) != 0)
            what = "stderr";
        else if (strcmp(s1, s2) != 0)
            what = "exit status";
        if (what) {
            bad = i;
            puts_(why, what);
            puts_(why, " differs for: ");
            describe(why, &cs[i]);
            puts_(why, "\n  want stdout: ");
            show(why, o1, ro);
            puts_(why, "\n  got  stdout: ");
            show(why, o2, mo);
            puts_(why, "\n  want stderr: ");
            show(why, ex, xe);
            puts_(why, "\n  got  stderr: ");
            show(why, e2, me);
            puts_(why, "\n  want status: ");
            show(why, s1, rsn);
            puts_(why, "  got status: ");
            show(why, s2, msn);
        }
        free(o1), free(e1), free(s1), free(o2), free(e2), free(s2), free(ex);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s %s", real, mine);
    if (system(cmd) != 0) {
    }
    return bad;
}

#define EXPECT_BATCH(cases_, count_)                                      \
    do {                                                         \
        buf why_ = {0};                                          \
        put(&why_, "", 0);                                       \
        int bad_ = run_batch((cases_), (count_), &why_);                  \
        CHECK_MSG(bad_ < 0 && why_.n == 0, "%s", why_.p);        \
        free(why_.p);                                            \
    } while (0)

/* ---- random cases ---- */
static const char *const CONVS[] = {"d", "i", "o", "u", "x", "X", "f", "F", "e", "E", "g", "G",
                                    "a", "A", "c", "s", "b", "d", "s", "f", "x", "g"};
static const char *const BADCONV[] = {"z", "k", "y", "p", "n", "C", "S", "w", "", "m", "!"};
static const char *const LENMOD[] = {"l", "ll", "h", "hh", "j", "z", "t", "L"};
static const char *const LITS[] = {"a", "b", "x", " ", ":", "|", "\n", "-", "=", "[", "]", "ab", "Z", "9"};
static const char *const FESC[] = {"\\n", "\\t", "\\\\", "\\\"", "\\a", "\\b", "\\f", "\\r", "\\v",
                                   "\\e", "\\x41", "\\x4", "\\x7e7", "\\xZ", "\\101", "\\0", "\\12",
                                   "\\1234", "\\08", "\\q", "\\%", "\\u0041", "\\u00e9", "\\u0024",
                                   "\\U0001F600", "\\u12", "\\ud800", "\\", "\\c", "\\'", "\\x"};

static void gen_directive(buf *b, int allow_bad) {
    puts_(b, "%");
    int nf = rn(4) == 0 ? rn(4) : 0;
    for (int i = 0; i < nf; i++) {
        char c = "-+ #0'"[rn(6)];
        put(b, &c, 1);
    }
    int w = rn(6);
    if (w == 1) {
        char t[8];
        snprintf(t, sizeof t, "%d", rn(25));
        puts_(b, t);
    } else if (w == 2) {
        puts_(b, "*");
    }
    int p = rn(7);
    if (p == 1 || p == 2) {
        char t[8];
        snprintf(t, sizeof t, ".%d", rn(22));
        puts_(b, t);
    } else if (p == 3) {
        puts_(b, ".*");
    } else if (p == 4) {
        puts_(b, ".");
    }
    if (rn(12) == 0) puts_(b, PICK(LENMOD));
    if (allow_bad && rn(40) == 0)
        puts_(b, PICK(BADCONV));
    else
        puts_(b, PICK(CONVS));
}

static char *gen_format(void) {
    buf b = {0};
    put(&b, "", 0);
    int n = 1 + rn(5);
    for (int i = 0; i < n; i++) {
        int k = rn(10);
        if (k < 5)
            gen_directive(&b, 1);
        else if (k < 7)
            puts_(&b, PICK(LITS));
        else if (k < 8)
            puts_(&b, PICK(FESC));
        else if (k < 9)
            puts_(&b, "%%");
        else
            puts_(&b, " ");
    }
    /* \c stops everything: keep it rare. */
    char *c = strstr(b.p, "\\c");
    if (c && rn(6) != 0) c[1] = 'n';
    return b.p;
}

static const char *const NUMS[] = {
    "0", "1", "-1", "42", "+7", " 12", "\t-3", "  +0x1f", "007", "0777", "08", "09", "0x", "0X1A",
    "-0x10", "0x7fffffffffffffff", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "99999999999999999999999", "'a", "\"b", "'ab", "'", "\"", "'\303\251", "", "abc", "12abc", "1.5",
    "-2.25", "1e3", "1e", "1e+", "-0", "-0.0", ".5", "5.", "0x1p4", "0x1.8p-3", "1e4932", "1e5000",
    "-1e5000", "1e-5000", "4e-4951", "inf", "-inf", "INF", "nan", "-nan", "NaN(123)", "infinity",
    "3.14159265358979323846264338", "123456789012345678901234567890", "0.1", "2.5", "1e-5",
    "123456.789", "-98765.125", "1e100", "255", "65", " ", "+", "-", "--1", "1 ", "1\n", "0b101",
    "1,5", "\303\251", "'\n", "\x7f", "1e-310", "0x.p1", "1_000"};
static const char *const STRS[] = {
    "", "a", "hello", "hello world", "a\\nb", "tab\\there", "\\0101", "\\101", "\\0", "\\00411",
    "\\x41\\x4a", "\\xg", "\\x", "\\c", "x\\cy", "\\e[1m", "\\\\", "\\", "end\\", "\\u263a", "\\u00A9",
    "\\u0040", "\\U0001f600", "\\u12", "\\q\\%", "%d", "%s%s", "it's", "\"q\"", "\303\251t\303\251",
    "line\nbreak", "\x01\x1f\x7f", "\\a\\b\\f\\r\\v\\t", "\\'", "\\\"", "-", "--", "%", "\\1234"};
static const char *const WIDTHS[] = {"0",  "5",   "-5", "12",  "-12", "+3", " 4",         "'\x05",
                                     "x",  "3x",  "",   "0x8", "010", "-0", "99999999999", "-2147483649",
                                     "2147483648", "-30"};

static const char *gen_arg(void) {
    int k = rn(10);
    if (k < 5) return PICK(NUMS);
    if (k < 8) return PICK(STRS);
    if (k < 9) return PICK(WIDTHS);
    /* a random integer */
    static char t[16][32];
    static int slot;
    slot = (slot + 1) % 16;
    long long v = (long long)(rnd() % 20001) - 10000;
    switch (rn(3)) {
    case 0: snprintf(t[slot], sizeof t[slot], "%lld", v); break;
    case 1: snprintf(t[slot], sizeof t[slot], "%#llx", (unsigned long long)(v < 0 ? -v : v)); break;
    default: snprintf(t[slot], sizeof t[slot], "%lld.%03d", v, rn(1000)); break;
    }
    return strdup(t[slot]);
}

static void gen_case(tcase *c) {
    c->argc = 0;
    c->argv[c->argc++] = gen_format();
    int n = rn(8);
    for (int i = 0; i < n; i++) c->argv[c->argc++] = (char *)gen_arg();
}

/* Widths and precisions given by * are kept small so no output is huge: a large "*" value from the
 * argument pools above appears only with a conversion where it matters little. */
static void random_batch(uint64_t s, int n) {
    seed(s);
    tcase *cs = calloc((size_t)n, sizeof *cs);
    for (int i = 0; i < n; i++) gen_case(&cs[i]);
    EXPECT_BATCH(cs, n);
}

TEST_TIMEOUT(random_seed_1, 120) { random_batch(1, 250); }
TEST_TIMEOUT(random_seed_2, 120) { random_batch(2, 250); }
TEST_TIMEOUT(random_seed_3, 120) { random_batch(3, 250); }
TEST_TIMEOUT(random_seed_4, 120) { random_batch(4, 250); }
TEST_TIMEOUT(random_seed_5, 120) { random_batch(5, 250); }

/* ---- focused random batches: one area each ---- */
static void focused(uint64_t s, int n, const char *const *fmts, int nf, const char *const *args, int na) {
    seed(s);
    tcase *cs = calloc((size_t)n, sizeof *cs);
    for (int i = 0; i < n; i++) {
        cs[i].argv[cs[i].argc++] = (char *)fmts[rn(nf)];
        int k = 1 + rn(4);
        for (int j = 0; j < k; j++) cs[i].argv[cs[i].argc++] = (char *)args[rn(na)];
    }
    EXPECT_BATCH(cs, n);
}
#define FOCUS(s, n, F, A) focused(s, n, F, (int)(sizeof F / sizeof F[0]), A, (int)(sizeof A / sizeof A[0]))

static const char *const FLOATF[] = {"%f\n",  "%.3e|", "%g ",   "%#g ",  "%G\n",   "%a\n",   "%A|",
                                     "%.0f|", "%#.0f|", "%+.10g|", "% e|", "%-12.4F|", "%012.3f|",
                                     "%.20Lg|", "%.1a|", "%#x%e|", "%'.2f|", "%*.*g|", "%.*e|"};
TEST_TIMEOUT(floating_conversions, 120) { FOCUS(11, 200, FLOATF, NUMS); }

static const char *const INTF[] = {"%d\n", "%i|", "%o|", "%u|", "%x|", "%X|", "%#o|", "%#x|", "%#X|",
                                   "%+d|", "% d|", "%05d|", "%-6i|", "%.3d|", "%.0d|", "%.0x|",
                                   "%'d|", "%+ 08.3i|", "%*d|", "%-*.*u|", "%hhd|", "%lld|", "%zu|"};
TEST_TIMEOUT(integer_conversions, 120) { FOCUS(12, 200, INTF, NUMS); }

static const char *const STRF[] = {"%s|", "%5s|", "%-5s|", "%.2s|", "%*s|", "%.*s|", "%c|", "%3c|",
                                   "%-3c|", "%b|", "%b%b\n", "[%10b]", "%s%b%c\n", "%*c|"};
TEST_TIMEOUT(strings_chars_and_b, 120) { FOCUS(13, 200, STRF, STRS); }

static const char *const ESCF[] = {"\\n\\t", "\\x41\\x4x", "\\0\\00\\000\\0000", "\\1234", "\\e\\a",
                                   "a\\c%s", "%s\\c%s", "\\u0024\\u0040\\u0060", "\\u00e9\\U0010FFFF",
                                   "\\q\\z\\\\", "\\\"", "%b\\n", "x\\", "\\u0041", "\\x"};
TEST_TIMEOUT(format_escapes, 120) { FOCUS(14, 200, ESCF, STRS); }

/* ---- hand-picked edge cases ---- */
#define C1(...) {sizeof((char *[]){__VA_ARGS__}) / sizeof(char *), {__VA_ARGS__}}

TEST_TIMEOUT(operands_and_reuse, 120) {
    tcase cs[] = {
        {0, {NULL}},
        C1("--"),
        C1("--", "%d\n", "5"),
        C1("abc"),
        C1("abc", "extra", "more"),
        C1("%d %d\n", "1", "2", "3"),
        C1("%s-", "a", "b", "c", "d"),
        C1("%d%%\n"),
        C1("[%s][%d][%c][%f]\n"),
        C1("%*d|\n", "5"),
        C1("%.*f|\n", "2"),
        C1("%*.*f|%s\n", "8", "3", "3.14159", "x", "-8", "-1", "2.5"),
        C1("%b", "a\\cb", "never"),
        C1("x%sy\\n", "1", "2"),
        C1("%-+5d|% 5d|\n", "3", "4", "-5"),
        C1(""),
        C1("", "a"),
        C1("%%", "a"),
        C1("\\c", "a"),
        C1("%", "a"),
        C1("%5", "1"),
        C1("%.3"),
        C1("%ld %hd %lld %jd %zd %td\n", "1", "2", "3", "4", "5", "6"),
        C1("%Lf %lf %hf\n", "1", "2", "3"),
        C1("%#s", "a"),
        C1("%#d", "1"),
        C1("%0s", "a"),
        C1("%0c", "a"),
        C1("%.2c", "a"),
        C1("%'x", "1"),
        C1("%'s", "1"),
        C1("%'d %'i %'u %'f %'g %'G %'F\n", "1234567", "1", "2", "3.5", "4", "5", "6"),
        C1("%Id\n", "3"),
        C1("%n", "1"),
        C1("%p", "1"),
    };
    EXPECT_BATCH(cs, (int)(sizeof cs / sizeof cs[0]));
}

TEST_TIMEOUT(numeric_argument_forms, 120) {
    tcase cs[] = {
        C1("%d|%d|%d|%d\n", "0x1F", "017", "'A", "\"B"),
        C1("%d\n", "'"),
        C1("%d\n", "'abc"),
        C1("%x\n", "\"\303\251"),
        C1("%d %i %u\n", " 1", "\t\n 2", "  -3"),
        C1("%d\n", "1 "),
        C1("%d\n", "--5"),
        C1("%d\n", "+-5"),
        C1("%u %x %o\n", "-1", "-1", "-1"),
        C1("%d %d\n", "9223372036854775807", "9223372036854775808"),
        C1("%d\n", "-9223372036854775809"),
        C1("%u\n", "18446744073709551616"),
        C1("%u\n", "-18446744073709551616"),
        C1("%f %f\n", "1e5000", "-1e5000"),
        C1("%g\n", "1e-5000"),
        C1("%e\n", "0x1p-16445"),
        C1("%f\n", "'x"),
        C1("%f|%g|%e\n", "inf", "-nan", "NAN"),
        C1("%.30Lf\n", "0.1"),
        C1("%a %A\n", "1", "-0.5"),
        C1("%d %d %d\n", "1x", "x1", ""),
        C1("%f\n", "1.5x"),
        C1("%s %d %s\n", "a", "b", "c"),
        C1("%*d\n", "99999999999", "1"),
        C1("%*d\n", "2147483648", "1"),
        C1("%*d|\n", "-20", "1"),
        C1("%.*d\n", "99999999999", "1"),
        C1("%.*d|\n", "-99999999999", "1"),
        C1("%*d|\n", "x", "1"),
        C1("%.*s|\n", "'\x02", "abcdef"),
        C1("%d\n", "\xff\x01\t\\'"),
        C1("%d\n", "1e3"),
        C1("%i\n", "0x"),
        C1("%i\n", "0xg"),
        C1("%d\n", "08"),
        C1("%o\n", "0b11"),
        C1("%c%c%c|\n", "", "abc", "\303\251"),
        C1("%5c|%-5c|\n"),
    };
    EXPECT_BATCH(cs, (int)(sizeof cs / sizeof cs[0]));
}

TEST_TIMEOUT(escapes_and_fatal_errors, 120) {
    tcase cs[] = {
        C1("a\\x"),
        C1("a\\xq"),
        C1("%b", "a\\xq"),
        C1("%b|%b\n", "\\0101\\101", "\\01234"),
        C1("\\0101\\101\n"),
        C1("%b\n", "\\u263a\\U0001F600\\u0024"),
        C1("\\u263a\\u0040\n"),
        C1("x\\u0041y"),
        C1("x%by", "\\u009f"),
        C1("%b", "\\uD800"),
        C1("%b", "\\U0000dfff"),
        C1("%b", "\\u00a0"),
        C1("\\u12"),
        C1("%b", "\\U1234567"),
        C1("%b", "\\c"),
        C1("%d %b %d\n", "x", "\\c", "3"),
        C1("%d\\c", "x"),
        C1("%b", "\\e\\E\\"),
        C1("\\z\\\\\\'\\\""),
        C1("%z"),
        C1("x%zy", "1"),
        C1("x%ky"),
        C1("%d %y", "1"),
        C1("%-5.3"),
        C1("%#c", "a"),
        C1("%+s|% s|%-s|\n", "a", "b", "c"),
        C1("%b %s\n", "\\n", "\\n"),
        C1("%s", "a", "\xc3\x28"),
        C1("abc", "'quoted'\n\x1b"),
    };
    EXPECT_BATCH(cs, (int)(sizeof cs / sizeof cs[0]));
}

/* ---- the agent's program must be its own: it may not run another program ---- */
TEST(does_not_run_other_programs) {
    int st = system("nm -D --undefined-only /tmp/cprintf > /tmp/cpf-nm.txt 2>/dev/null");
    CHECK_MSG(st == 0, "nm -D failed on /tmp/cprintf");
    size_t n;
    char *syms = slurp("/tmp/cpf-nm.txt", &n);
    static const char *const banned[] = {"exec",   "system", "popen",   "posix_spawn", "fork",
                                         "clone",  "dlopen", "syscall", "ptrace",      "vfork"};
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
        CHECK_MSG(strstr(syms, banned[i]) == NULL, "/tmp/cprintf imports %s", banned[i]);
    free(syms);
}

/* ---- CPU time on a large input, against the real printf measured the same way ---- */
static double cpu_of(const char *script, const char *prog, int as_agent) {
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "%s sh -c 'sh %s %s >/dev/null 2>&1; times' > /tmp/cpf-times-%d.txt 2>/dev/null",
             as_agent ? "agentrun --timeout 100" : "", script, prog, as_agent);
    if (system(cmd) != 0) return -1;
    char path[64];
    snprintf(path, sizeof path, "/tmp/cpf-times-%d.txt", as_agent);
    size_t n;
    char *t = slurp(path, &n);
    /* second line: children's user and system time, "0m1.230s 0m0.010s" */
    char *l2 = strchr(t, '\n');
    double um = 0, us = 0, sm = 0, ss = 0;
    if (!l2 || sscanf(l2 + 1, "%lfm%lfs %lfm%lfs", &um, &us, &sm, &ss) != 4) {
        free(t);
        return -1;
    }
    free(t);
    return um * 60 + us + sm * 60 + ss;
}

TEST_TIMEOUT(cpu_time_large_input, 200) {
    char dir[] = "/tmp/cpf-perf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    chmod(dir, 0755);
    char script[64];
    snprintf(script, sizeof script, "%s/perf.sh", dir);
    seed(99);
    buf s = {0};
    puts_(&s, "i=0; while [ $i -lt 5 ]; do i=$((i+1)); LC_ALL=C env \"$1\" '%d:%5.2f|%-8s|%x %b %c\\n'");
    for (int i = 0; i < 12000; i++) {
        char t[48];
        snprintf(t, sizeof t, " %d %d.%d w%d 0x%x 'a\\tb\\101' z", rn(100000) - 500, rn(1000), rn(100),
                 rn(1000), rn(65536));
        puts_(&s, t);
    }
    puts_(&s, "; done\n");
    FILE *f = fopen(script, "w");
    CHECK(f != NULL);
    fwrite(s.p, 1, s.n, f);
    fclose(f);
    chmod(script, 0644);
    free(s.p);
    double best_real = 1e9, best_mine = 1e9;
    for (int r = 0; r < 3; r++) {
        double a = cpu_of(script, "printf", 0);
        double b = cpu_of(script, "/tmp/cprintf", 1);
        CHECK_MSG(a >= 0 && b >= 0, "could not measure the CPU time (real %.3f, cprintf %.3f)", a, b);
        if (a < best_real) best_real = a;
        if (b < best_mine) best_mine = b;
    }
    char rm[96];
    snprintf(rm, sizeof rm, "rm -rf %s", dir);
    if (system(rm) != 0) {
    }
    CHECK_MSG(best_mine <= 3 * best_real + 0.3,
              "cprintf used %.3f s of CPU time, the real printf %.3f s (allowed: 3x + 0.3 s)", best_mine,
              best_real);
}
