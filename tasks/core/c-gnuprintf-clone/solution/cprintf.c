/* cprintf: a clone of GNU coreutils printf(1) (Debian bookworm, coreutils 9.1) in the C locale.
 * Reference solution. Each directive is handed to the C library's printf with an intmax_t ("j") or
 * long double ("L") length modifier, as GNU printf does. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *prog = "cprintf";
static int exit_status = 0;

static void msg(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

#define die(...)              \
    do {                      \
        msg(__VA_ARGS__);     \
        fflush(stdout);       \
        exit(1);              \
    } while (0)

/* 'quoted' the way GNU's quote() does in the C locale. Returns a static buffer (two slots). */
static const char *quote(const char *s) {
    static char *slot[2];
    static int which;
    size_t n = strlen(s);
    char *out = malloc(4 * n + 3), *o = out;
    if (!out) exit(1);
    *o++ = '\'';
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *esc = NULL;
        switch (c) {
        case '\a': esc = "\\a"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\v': esc = "\\v"; break;
        case '\\': esc = "\\\\"; break;
        case '\'': esc = "\\'"; break;
        default: break;
        }
        if (esc) {
            memcpy(o, esc, 2);
            o += 2;
        } else if (c >= 0x20 && c < 0x7f) {
            *o++ = (char)c;
        } else {
            *o++ = '\\';
            *o++ = (char)('0' + (c >> 6));
            *o++ = (char)('0' + ((c >> 3) & 7));
            *o++ = (char)('0' + (c & 7));
        }
    }
    *o++ = '\'';
    *o = '\0';
    free(slot[which]);
    slot[which] = out;
    which ^= 1;
    return out;
}

static void check_end(const char *s, const char *end, int err) {
    if (err) {
        msg("%s: %s", quote(s), strerror(err));
        exit_status = 1;
    } else if (*end) {
        if (s == end)
            msg("%s: expected a numeric value", quote(s));
        else
            msg("%s: value not completely converted", quote(s));
        exit_status = 1;
    }
}

/* 'c or "c: the character's code; anything after it draws a warning. */
static bool char_const(const char *s, long double *v) {
    if ((s[0] == '"' || s[0] == '\'') && s[1]) {
        *v = (unsigned char)s[1];
        if (s[2]) msg("warning: %s: character(s) following character constant have been ignored", s + 2);
        return true;
    }
    return false;
}

static intmax_t to_imax(const char *s) {
    long double c;
    if (char_const(s, &c)) return (intmax_t)c;
    char *end;
    errno = 0;
    intmax_t v = strtoimax(s, &end, 0);
    check_end(s, end, errno);
    return v;
}

static uintmax_t to_umax(const char *s) {
    long double c;
    if (char_const(s, &c)) return (uintmax_t)c;
    char *end;
    errno = 0;
    uintmax_t v = strtoumax(s, &end, 0);
    check_end(s, end, errno);
    return v;
}

static long double to_ld(const char *s) {
    long double c;
    if (char_const(s, &c)) return c;
    char *end;
    errno = 0;
    long double v = strtold(s, &end);
    check_end(s, end, errno);
    return v;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}
static bool isxd(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool isod(char c) { return c >= '0' && c <= '7'; }

/* Prints the escape at p (p[0] == '\\'); returns how many characters after the backslash it used.
 * octal_0: %b's rule (\0NNN). */
static int do_escape(const char *start, bool octal_0) {
    const char *p = start + 1;
    int v = 0, n;
    if (*p == 'x') {
        for (n = 0, p++; n < 2 && isxd(*p); n++, p++) v = v * 16 + hexval(*p);
        if (n == 0) die("missing hexadecimal number in escape");
        putchar(v);
    } else if (isod(*p)) {
        if (octal_0 && *p == '0') p++;
        for (n = 0; n < 3 && isod(*p); n++, p++) v = v * 8 + (*p - '0');
        putchar(v);
    } else if (*p && strchr("\"\\abcefnrtv", *p)) {
        switch (*p) {
        case 'a': putchar('\a'); break;
        case 'b': putchar('\b'); break;
        case 'c': fflush(stdout); exit(0);
        case 'e': putchar(0x1b); break;
        case 'f': putchar('\f'); break;
        case 'n': putchar('\n'); break;
        case 'r': putchar('\r'); break;
        case 't': putchar('\t'); break;
        case 'v': putchar('\v'); break;
        default: putchar(*p); break;
        }
        p++;
    } else if (*p == 'u' || *p == 'U') {
        char kind = *p;
        unsigned u = 0;
        for (n = kind == 'u' ? 4 : 8, p++; n > 0; n--, p++) {
            if (!isxd(*p)) die("missing hexadecimal number in escape");
            u = u * 16 + (unsigned)hexval(*p);
        }
        if ((u <= 0x9f && u != 0x24 && u != 0x40 && u != 0x60) || (u >= 0xd800 && u <= 0xdfff))
            die("invalid universal character name \\%c%0*x", kind, kind == 'u' ? 4 : 8, u);
        if (u < 0x80)
            putchar((int)u);
        else if (kind == 'u')
            printf("\\u%04X", u);
        else
            printf("\\U%08X", u);
    } else {
        putchar('\\');
        if (*p) putchar(*p++);
    }
    return (int)(p - start - 1);
}

static void print_b(const char *s) {
    for (; *s; s++) {
        if (*s == '\\')
            s += do_escape(s, true);
        else
            putchar(*s);
    }
}

static void one(const char *start, size_t len, char conv, bool hw, int w, bool hp, int pr, const char *arg) {
    char fmt[64 + 3];
    char *spec = len + 3 <= sizeof fmt ? fmt : malloc(len + 3);
    if (!spec) exit(1);
    memcpy(spec, start, len);
    size_t k = len;
    switch (conv) {
    case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': spec[k++] = 'j'; break;
    case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': spec[k++] = 'L'; break;
    default: break;
    }
    spec[k++] = conv;
    spec[k] = '\0';
#define EMIT(val)                                   \
    do {                                            \
        if (!hw && !hp) printf(spec, val);          \
        else if (!hw) printf(spec, pr, val);        \
        else if (!hp) printf(spec, w, val);         \
        else printf(spec, w, pr, val);              \
    } while (0)
    switch (conv) {
    case 'd': case 'i': {
        intmax_t v = to_imax(arg);
        EMIT(v);
        break;
    }
    case 'o': case 'u': case 'x': case 'X': {
        uintmax_t v = to_umax(arg);
        EMIT(v);
        break;
    }
    case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        long double v = to_ld(arg);
        EMIT(v);
        break;
    }
    case 'c':
        if (!hw) printf(spec, *arg);
        else printf(spec, w, *arg);
        break;
    case 's':
        EMIT(arg);
        break;
    }
    if (spec != fmt) free(spec);
}

static int run_format(const char *format, int argc, char **argv) {
    int start_argc = argc;
    for (const char *f = format; *f; f++) {
        if (*f == '\\') {
            f += do_escape(f, false);
            continue;
        }
        if (*f != '%') {
            putchar(*f);
            continue;
        }
        const char *ds = f++;
        size_t dl = 1;
        bool hw = false, hp = false;
        int w = 0, pr = 0;
        if (*f == '%') {
            putchar('%');
            continue;
        }
        if (*f == 'b') {
            if (argc > 0) {
                print_b(*argv);
                argv++;
                argc--;
            }
            continue;
        }
        char ok[256] = {0};
        for (const char *c = "aAcdeEfFgGiosuxX"; *c; c++) ok[(unsigned char)*c] = 1;
        for (;; f++, dl++) {
            if (*f == '\'' || *f == 'I') {
                ok['a'] = ok['A'] = ok['c'] = ok['e'] = ok['E'] = ok['o'] = ok['s'] = ok['x'] = ok['X'] = 0;
            } else if (*f == '-' || *f == '+' || *f == ' ') {
            } else if (*f == '#') {
                ok['c'] = ok['d'] = ok['i'] = ok['s'] = ok['u'] = 0;
            } else if (*f == '0') {
                ok['c'] = ok['s'] = 0;
            } else {
                break;
            }
        }
        if (*f == '*') {
            f++;
            dl++;
            if (argc > 0) {
                intmax_t v = to_imax(*argv);
                if (v < INT_MIN || v > INT_MAX) die("invalid field width: %s", quote(*argv));
                w = (int)v;
                argv++;
                argc--;
            }
            hw = true;
        } else {
            while (*f >= '0' && *f <= '9') f++, dl++;
        }
        if (*f == '.') {
            f++;
            dl++;
            ok['c'] = 0;
            if (*f == '*') {
                f++;
                dl++;
                if (argc > 0) {
                    intmax_t v = to_imax(*argv);
                    if (v < 0) pr = -1;
                    else if (v > INT_MAX) die("invalid precision: %s", quote(*argv));
                    else pr = (int)v;
                    argv++;
                    argc--;
                }
                hp = true;
            } else {
                while (*f >= '0' && *f <= '9') f++, dl++;
            }
        }
        while (*f == 'l' || *f == 'L' || *f == 'h' || *f == 'j' || *f == 't' || *f == 'z') f++;
        if (!ok[(unsigned char)*f]) {
            int sl = (int)(f + 1 - ds);
            die("%.*s: invalid conversion specification", sl, ds);
        }
        const char *arg = "";
        if (argc > 0) {
            arg = *argv++;
            argc--;
        }
        one(ds, dl, *f, hw, w, hp, pr, arg);
    }
    return start_argc - argc;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--") == 0) {
        argc--;
        argv++;
    }
    if (argc <= 1) {
        msg("missing operand");
        fprintf(stderr, "Try '%s --help' for more information.\n", prog);
        return 1;
    }
    const char *format = argv[1];
    argc -= 2;
    argv += 2;
    int used;
    do {
        used = run_format(format, argc, argv);
        argc -= used;
        argv += used;
    } while (used > 0 && argc > 0);
    if (argc > 0) msg("warning: ignoring excess arguments, starting with %s", quote(argv[0]));
    fflush(stdout);
    return exit_status;
}
