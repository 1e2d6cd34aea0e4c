/* The judge's tests (judge isolation): they never link the agent's code. The grading command builds
 * the agent's program as the agent (agentrun ... gcc ... -o /tmp/csvsel) and these tests run it
 * through agentrun, comparing its output. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "/opt/harness/include/tinytest.h"

typedef struct {
    int status;
    char out[8192];
    char err[2048];
} result;

static void slurp(FILE *f, char *buf, size_t size) {
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Runs the agent's /tmp/csvsel (as the agent, through agentrun) with args (NULL-terminated) and the
 * given input. */
static result run_n(const char *input, size_t input_len, const char *const *args) {
    static result r;
    char *argv[40];
    int argc = 0;
    argv[argc++] = (char *)"agentrun";
    argv[argc++] = (char *)"/tmp/csvsel";
    for (; *args && argc < 39; args++) argv[argc++] = (char *)*args;
    argv[argc] = NULL;
    FILE *in = tmpfile(), *out = tmpfile(), *err = tmpfile();
    CHECK(in && out && err);
    fwrite(input, 1, input_len, in);
    fflush(in);
    rewind(in);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(fileno(in), 0);
        dup2(fileno(out), 1);
        dup2(fileno(err), 2);
        execvp("agentrun", argv);
        _exit(127);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0) {
    }
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    fclose(in);
    slurp(out, r.out, sizeof r.out);
    slurp(err, r.err, sizeof r.err);
    return r;
}

#define RUN(input, ...) run_n((input), strlen(input), (const char *const[]){__VA_ARGS__, NULL})

#define EXPECT_OUT(input, want, ...)                                                         \
    do {                                                                                     \
        result r_ = RUN(input, __VA_ARGS__);                                                 \
        CHECK_MSG(r_.status == 0, "exit status %d, stderr: %s", r_.status, r_.err);          \
        CHECK_EQ_STR(r_.out, want);                                                          \
    } while (0)

#define EXPECT_FAIL(code, input, ...)                                                        \
    do {                                                                                     \
        result r_ = RUN(input, __VA_ARGS__);                                                 \
        CHECK_EQ_INT(r_.status, code);                                                       \
        CHECK_MSG(strncmp(r_.err, "csvsel: ", 8) == 0 || strstr(r_.err, "\ncsvsel: "),       \
                  "stderr should have a line starting with 'csvsel: ', got: %s", r_.err);    \
    } while (0)

TEST(example_from_spec) { EXPECT_OUT("a,b,c\n1,\"x,y\",3\n", "c,a\n3,1\n", "-f", "3,1"); }

TEST(single_and_repeated_columns) {
    EXPECT_OUT("a,b,c\n", "b\n", "-f", "2");
    EXPECT_OUT("a,b,c\n", "b,a,b\n", "-f", "2,1,2");
    EXPECT_OUT("a,b,c\n", "a,b,c\n", "-f", "1,2,3");
}

TEST(ranges) {
    EXPECT_OUT("a,b,c,d,e\n", "b,c,d\n", "-f", "2-4");
    EXPECT_OUT("a,b,c,d,e\n", "c\n", "-f", "3-3");
    EXPECT_OUT("a,b,c,d,e\n", "d,e,a\n", "-f", "4-,1");
    EXPECT_OUT("a,b,c,d,e\n1,2\n", "c,d,e\n\n", "-f", "3-");
    EXPECT_OUT("a,b\n", "a,b,,\n", "-f", "1-4");
}

TEST(missing_columns_are_empty) {
    EXPECT_OUT("a,b,c\nx\n", "c,a\n,x\n", "-f", "3,1");
    EXPECT_OUT("a\n", ",,a\n", "-f", "5,9,1");
}

TEST(quoted_fields_unquoted_on_output_when_possible) {
    EXPECT_OUT("\"plain\",\"b\"\n", "plain,b\n", "-f", "1,2");
    EXPECT_OUT("\"\",x\n", ",x\n", "-f", "1,2");
}

TEST(quoting_on_output) {
    EXPECT_OUT("\"x,y\",\"say \"\"hi\"\"\",\"line\nbreak\"\n", "\"say \"\"hi\"\"\",\"line\nbreak\",\"x,y\"\n",
               "-f", "2,3,1");
    EXPECT_OUT("a\"b,c\n", "\"a\"\"b\"\n", "-f", "1"); /* a bare quote inside an unquoted field */
}

TEST(embedded_newline_does_not_split_record) {
    EXPECT_OUT("id,text\n1,\"two\nlines\"\n2,plain\n", "id\n1\n2\n", "-f", "1");
    EXPECT_OUT("1,\"a\r\nb\",z\n", "z,\"a\r\nb\"\n", "-f", "3,2");
}

TEST(crlf_input) {
    EXPECT_OUT("a,b\r\n1,2\r\n", "b,a\n2,1\n", "-f", "2,1");
    EXPECT_OUT("a,\"q\"\r\n", "q\n", "-f", "2");
}

TEST(last_record_without_newline) {
    EXPECT_OUT("a,b\n1,2", "b\n2\n", "-f", "2");
    EXPECT_OUT("x", "x\n", "-f", "1");
    EXPECT_OUT("\"q,\"", "\"q,\"\n", "-f", "1");
}

TEST(empty_input_and_empty_lines) {
    EXPECT_OUT("", "", "-f", "1");
    EXPECT_OUT("\n", "\n", "-f", "1");
    EXPECT_OUT("a,b\n\nc,d\n", "b\n\nd\n", "-f", "2");
    EXPECT_OUT("\n\n", ",\n,\n", "-f", "1,2");
}

TEST(empty_fields) {
    EXPECT_OUT(",,\n", ",,\n", "-f", "1-3");
    EXPECT_OUT("a,,c\n", "\n", "-f", "2");
}

TEST(custom_delimiter) {
    EXPECT_OUT("a;b;c\n1;\"2;3\";4\n", "c;a\n4;1\n", "-d", ";", "-f", "3,1");
    EXPECT_OUT("a;b,c\n", "b,c;a\n", "-f", "2,1", "-d", ";");
    EXPECT_OUT("a\tb\n", "b\ta\n", "-d", "\t", "-f", "2,1");
    EXPECT_OUT("x;y\n", "x;y\n", "-f", "1", "-d", ",");
    EXPECT_OUT("p|q,r\n", "q,r\n", "-d", "|", "-f", "2"); /* comma is ordinary with -d | */
}

TEST(header_names) {
    const char *csv = "name,age,city\nann,31,Oslo\nbob,,\"New York, NY\"\n";
    EXPECT_OUT(csv, "city,name\nOslo,ann\n\"New York, NY\",bob\n", "-H", "-f", "city,name");
    EXPECT_OUT(csv, "age,name,city\n31,ann,Oslo\n,bob,\"New York, NY\"\n", "-f", "age,1,3-", "-H");
}

TEST(header_first_match_and_quoted_names) {
    EXPECT_OUT("k,v,k\n1,2,3\n", "k\n1\n", "-H", "-f", "k");
    EXPECT_OUT("\"a,b\",c\nx,y\n", "c\ny\n", "-H", "-f", "c");
    EXPECT_OUT("id,2\nx,y\n", "id\nx\n", "-H", "-f", "1"); /* numbers stay numbers */
}

TEST(header_name_is_case_sensitive) { EXPECT_FAIL(2, "Name\nx\n", "-H", "-f", "name"); }

TEST(unknown_header_name) { EXPECT_FAIL(2, "a,b\n1,2\n", "-H", "-f", "a,zzz"); }

TEST(usage_errors) {
    EXPECT_FAIL(2, "a\n", "1");
    EXPECT_FAIL(2, "a\n", "-f", "0");
    EXPECT_FAIL(2, "a\n", "-f", "3-1");
    EXPECT_FAIL(2, "a\n", "-f", "a");
    EXPECT_FAIL(2, "a\n", "-f", "1,,2");
    EXPECT_FAIL(2, "a\n", "-f", "");
    EXPECT_FAIL(2, "a\n", "-f", "x-2");
    EXPECT_FAIL(2, "a\n", "-f", "1,");
    EXPECT_FAIL(2, "a\n", "-f");
    EXPECT_FAIL(2, "a\n", "-f", "1", "-d");
    EXPECT_FAIL(2, "a\n", "-f", "1", "-d", "::");
    EXPECT_FAIL(2, "a\n", "-f", "1", "-d", "");
    EXPECT_FAIL(2, "a\n", "-f", "1", "-d", "\"");
    EXPECT_FAIL(2, "a\n", "-f", "1", "-x");
    EXPECT_FAIL(2, "a\n", "-f", "1", "one.csv", "two.csv");
}

TEST(unterminated_quote) {
    result r = RUN("a,b\nc,d\n\"open,\nstill\n", "-f", "1");
    CHECK_EQ_INT(r.status, 1);
    CHECK_MSG(strstr(r.err, "csvsel: line 3: unterminated quoted field") != NULL, "stderr: %s", r.err);
    r = RUN("x,\"a\"\"", "-f", "1");
    CHECK_EQ_INT(r.status, 1);
    CHECK_MSG(strstr(r.err, "line 1") != NULL, "stderr: %s", r.err);
}

TEST(unterminated_quote_line_counts_quoted_newlines) {
    result r = RUN("\"a\nb\",1\n\"c\n", "-f", "1");
    CHECK_EQ_INT(r.status, 1);
    CHECK_MSG(strstr(r.err, "line 3: unterminated") != NULL, "stderr: %s", r.err);
}

TEST(garbage_after_closing_quote) { EXPECT_FAIL(1, "\"ab\"c,d\n", "-f", "1"); }

TEST(missing_file) { EXPECT_FAIL(1, "", "-f", "1", "/tmp/csvsel-test-no-such-file.csv"); }

TEST(reads_named_file_and_dash) {
    const char *path = "/tmp/csvsel-test-input.csv";
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    fputs("h1,h2\nv1,v2\n", f);
    fclose(f);
    EXPECT_OUT("ignored,stdin\n", "h2\nv2\n", "-f", "2", path);
    EXPECT_OUT("ignored,stdin\n", "h2\nv2\n", path, "-f", "2");
    EXPECT_OUT("from,stdin\n", "stdin\n", "-f", "2", "-");
    remove(path);
}

TEST(many_records_and_wide_rows) {
    size_t cap = 1 << 20, o = 0;
    char *in = malloc(cap);
    for (int i = 0; i < 2000; i++) {
        for (int c = 0; c < 40; c++) o += (size_t)snprintf(in + o, cap - o, c ? ",r%dc%d" : "r%dc%d", i, c);
        in[o++] = '\n';
    }
    in[o] = '\0';
    result r = run_n(in, o, (const char *const[]){"-f", "40,1", NULL});
    CHECK_EQ_INT(r.status, 0);
    CHECK(strncmp(r.out, "r0c39,r0c0\nr1c39,r1c0\n", 22) == 0);
    free(in);
}

TEST(long_field) {
    size_t n = 100000;
    char *in = malloc(n + 16);
    in[0] = '"';
    memset(in + 1, 'z', n);
    strcpy(in + 1 + n, "\",k\n");
    result r = run_n(in, strlen(in), (const char *const[]){"-f", "2", NULL});
    CHECK_EQ_INT(r.status, 0);
    CHECK_EQ_STR(r.out, "k\n");
    free(in);
}

/* The program through the shell, built by the grading command as /tmp/csvsel. */
TEST(built_program_runs) {
    FILE *f = fopen("/tmp/csvsel-prog.csv", "wb");
    fputs("a,b\n\"1,5\",2\n", f);
    fclose(f);
    int st = system("agentrun /tmp/csvsel -f 2,1 /tmp/csvsel-prog.csv > /tmp/csvsel-prog.out 2>&1");
    CHECK_EQ_INT(st, 0);
    char buf[256] = {0};
    f = fopen("/tmp/csvsel-prog.out", "rb");
    CHECK(f != NULL);
    CHECK(fread(buf, 1, sizeof buf - 1, f) > 0);
    fclose(f);
    CHECK_EQ_STR(buf, "b,a\n2,\"1,5\"\n");
    st = system("printf 'x\\n' | agentrun /tmp/csvsel -f 0 >/dev/null 2>&1");
    CHECK(st != 0);
}
