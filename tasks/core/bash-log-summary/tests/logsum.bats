#!/usr/bin/env bats
# Hidden tests for logsum.sh. Each test works in its own temporary directory.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../logsum.sh"
    cd "$BATS_TEST_TMPDIR"
}

line() { printf '2024-05-01 12:00:%02d 10.0.0.1 GET %s %s %s\n' "${4:-0}" "$1" "$2" "$3"; }

summary() {
    # summary REQ BYTES S2 S3 S4 S5 MALFORMED [TOP-LINE...]
    local req=$1 bytes=$2 s2=$3 s3=$4 s4=$5 s5=$6 bad=$7
    shift 7
    printf 'requests: %s\nbytes: %s\nstatus 2xx: %s\nstatus 3xx: %s\nstatus 4xx: %s\nstatus 5xx: %s\ntop paths:\n' \
        "$req" "$bytes" "$s2" "$s3" "$s4" "$s5"
    local l
    for l in "$@"; do printf '  %s\n' "$l"; done
    printf 'malformed: %s' "$bad"
}

@test "the example from the task description" {
    agent cp "$BATS_TEST_DIRNAME/../sample.log" .
    run --separate-stderr agent bash "$SCRIPT" sample.log
    [ "$status" -eq 1 ]
    [ "$output" = "$(summary 6 20984 4 1 0 1 1 '3 /index.html' '2 /api/items' '1 /login')" ]
    [ "$stderr" = "logsum: sample.log:5: malformed line" ]
}

@test "a clean log exits 0 with nothing on stderr" {
    { line /a 200 10; line /b 404 20; line /a 301 5; line /c 503 1; } > clean.log
    run --separate-stderr agent bash "$SCRIPT" clean.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 4 36 1 1 1 1 0 '2 /a' '1 /b' '1 /c')" ]
    [ -z "$stderr" ]
}

@test "reads standard input when no file is given" {
    { line /x 200 7; line /x 200 8; } > in.log
    run --separate-stderr agent bash -c 'bash "$0" < in.log' "$SCRIPT"
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 2 15 2 0 0 0 0 '2 /x')" ]
}

@test "'-' reads standard input among other files; names in messages are as given" {
    { line /a 200 1; echo "broken line"; } > one.log
    { line /b 200 2; echo "also broken"; } > two.log
    run --separate-stderr agent bash -c 'bash "$0" one.log - two.log < two.log' "$SCRIPT"
    [ "$status" -eq 1 ]
    [ "$output" = "$(summary 3 5 3 0 0 0 3 '2 /b' '1 /a')" ]
    [ "$stderr" = "$(printf 'logsum: one.log:2: malformed line\nlogsum: -:2: malformed line\nlogsum: two.log:2: malformed line')" ]
}

@test "several files are one combined log; line numbers restart per file; names with spaces" {
    mkdir "web logs"
    { line /a 200 100; line /b 200 200; } > "web logs/day 1.log"
    { echo "# comment"; echo; line /a 500 50; echo "x y z"; } > "web logs/day 2.log"
    run --separate-stderr agent bash "$SCRIPT" "web logs/day 1.log" "web logs/day 2.log"
    [ "$status" -eq 1 ]
    [ "$output" = "$(summary 3 350 2 0 0 1 1 '2 /a' '1 /b')" ]
    [ "$stderr" = "logsum: web logs/day 2.log:4: malformed line" ]
}

@test "a missing file: exit 2, message, no output, nothing read" {
    line /a 200 1 > ok.log
    run --separate-stderr agent bash "$SCRIPT" ok.log "no such.log"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "logsum: cannot read no such.log" ]
}

@test "a missing file listed first also gives exit 2" {
    line /a 200 1 > ok.log
    run --separate-stderr agent bash "$SCRIPT" gone.log ok.log
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [[ "$stderr" == *"logsum: cannot read gone.log"* ]]
}

@test "a directory cannot be read as a log" {
    mkdir adir
    run --separate-stderr agent bash "$SCRIPT" adir
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [[ "$stderr" == *"logsum: cannot read adir"* ]]
}

@test "an empty file gives an all-zero summary with no top paths" {
    : > empty.log
    run --separate-stderr agent bash "$SCRIPT" empty.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 0 0 0 0 0 0 0)" ]
    [ -z "$stderr" ]
}

@test "empty standard input gives an all-zero summary" {
    run --separate-stderr agent bash -c 'bash "$0" < /dev/null' "$SCRIPT"
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 0 0 0 0 0 0 0)" ]
}

@test "comments, blank and whitespace-only lines are ignored" {
    printf '# header\n\n   \n\t\n   # indented comment\n' > c.log
    line /p 200 3 >> c.log
    run --separate-stderr agent bash "$SCRIPT" c.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 1 3 1 0 0 0 0 '1 /p')" ]
    [ -z "$stderr" ]
}

@test "fields may be separated by several spaces and tabs, with leading blanks" {
    printf '  2024-05-01\t12:00:00   10.0.0.1 \t GET\t/t  200   42  \n' > t.log
    run --separate-stderr agent bash "$SCRIPT" t.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 1 42 1 0 0 0 0 '1 /t')" ]
}

@test "only the three busiest paths are listed" {
    { line /a 200 1; line /b 200 1; line /b 200 1; line /c 200 1; line /c 200 1; line /c 200 1
      line /d 200 1; line /d 200 1; line /d 200 1; line /d 200 1; } > top.log
    run agent bash "$SCRIPT" top.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 10 10 10 0 0 0 0 '4 /d' '3 /c' '2 /b')" ]
}

@test "ties are broken by path in byte order" {
    { line /zeta 200 1; line /alpha 200 1; line /Beta 200 1; line /alpha/x 200 1; line /zeta 200 1; } > tie.log
    run agent bash "$SCRIPT" tie.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 5 5 5 0 0 0 0 '2 /zeta' '1 /Beta' '1 /alpha')" ]
}

@test "counts are compared as numbers, not text" {
    { for i in 1 2 3 4 5 6 7 8 9 10 11 12; do line /many 200 1; done
      for i in 1 2; do line /two 200 1; done; } > n.log
    run agent bash "$SCRIPT" n.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 14 14 14 0 0 0 0 '12 /many' '2 /two')" ]
}

@test "malformed: wrong field count, bad status, bad bytes" {
    {
        line /ok 200 5                                                  # 1 ok
        echo "2024-05-01 12:00:00 10.0.0.1 GET /a 200 5 extra"          # 2 eight fields
        echo "2024-05-01 12:00:00 10.0.0.1 GET /a 200"                  # 3 six fields
        line /a 600 5                                                   # 4 status too high
        line /a 099 5                                                   # 5 status too low
        line /a 20x 5                                                   # 6 not a number
        line /a 2000 5                                                  # 7 four digits
        line /a 200 -5                                                  # 8 negative bytes
        line /a 200 1.5                                                 # 9 fraction
        line /a 200 12k                                                 # 10 unit
        line /ok 404 0                                                  # 11 ok
    } > m.log
    run --separate-stderr agent bash "$SCRIPT" m.log
    [ "$status" -eq 1 ]
    [ "$output" = "$(summary 2 5 1 0 1 0 9 '2 /ok')" ]
    expected=""
    for n in 2 3 4 5 6 7 8 9 10; do expected+="logsum: m.log:$n: malformed line"$'\n'; done
    [ "$stderr" = "${expected%$'\n'}" ]
}

@test "1xx statuses are requests without a status line of their own" {
    { line /ws 101 0; line /ws 100 10; line /x 200 1; } > s.log
    run agent bash "$SCRIPT" s.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 3 11 1 0 0 0 0 '2 /ws' '1 /x')" ]
}

@test "large byte counts are summed exactly" {
    { line /big 200 4000000000; line /big 200 4000000000; line /big 200 4000000001; } > big.log
    run agent bash "$SCRIPT" big.log
    [ "$status" -eq 0 ]
    [ "${lines[1]}" = "bytes: 12000000001" ]
}

@test "a file name containing '=' is read as a file" {
    line /eq 200 9 > "a=b.log"
    run --separate-stderr agent bash "$SCRIPT" "a=b.log"
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 1 9 1 0 0 0 0 '1 /eq')" ]
}

@test "paths with query strings and odd characters are kept as they are" {
    { line '/search?q=a&b=%20c' 200 1; line '/search?q=a&b=%20c' 200 1; line '/*' 200 1; } > q.log
    run agent bash "$SCRIPT" q.log
    [ "$status" -eq 0 ]
    [ "$output" = "$(summary 3 3 3 0 0 0 0 '2 /search?q=a&b=%20c' '1 /*')" ]
}

@test "works when run from another directory" {
    mkdir -p sub/deeper
    line /a 200 1 > sub/l.log
    cd sub/deeper
    run agent bash "$SCRIPT" ../l.log
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = "requests: 1" ]
}
