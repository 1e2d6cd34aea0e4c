#!/usr/bin/env bats
# Hidden tests: rotation, removal, compression (MANUAL.md sections 4-6).

bats_require_minimum_version 1.5.0
bats_load_library harness-agent
load common

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../logrot"
    cd "$BATS_TEST_TMPDIR"
    mkdir logs
}

@test "shifting keeps every archive's content and compression" {
    mk logs/app.log "new"
    mk logs/app.log.1 "one"
    gzmk logs/app.log.2.gz "two"
    mk logs/app.log.3 "three"
    gzmk logs/app.log.4.gz "four"
    conf 'logs/app.log {' '  rotate 9' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1"
    is new logs/app.log.1
    is one logs/app.log.2
    gzis two logs/app.log.3.gz
    is three logs/app.log.4
    gzis four logs/app.log.5.gz
    [ "$(files logs | wc -l)" -eq 5 ]
}

@test "gaps in the numbering are kept" {
    mk logs/app.log "new"
    mk logs/app.log.1 "one"
    mk logs/app.log.3 "three"
    mk logs/app.log.10 "ten"
    conf 'logs/app.log {' '  rotate 20' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    [ "$(files logs)" = "app.log.1
app.log.11
app.log.2
app.log.4" ]
    is ten logs/app.log.11
    is three logs/app.log.4
    is one logs/app.log.2
}

@test "archives beyond the count are removed oldest first" {
    mk logs/app.log "new"
    for i in 1 2 3 4 5; do mk "logs/app.log.$i" "v$i"; done
    gzmk logs/app.log.6.gz "v6"
    conf 'logs/app.log {' '  rotate 3' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.7.gz
removed logs/app.log.6
removed logs/app.log.5
removed logs/app.log.4"
    [ "$(files logs)" = "app.log.1
app.log.2
app.log.3" ]
    is v2 logs/app.log.3
}

@test "default count is 1" {
    mk logs/app.log "new"
    mk logs/app.log.1 "old"
    conf 'logs/app.log {' '}'
    lr c.conf
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.2"
    is new logs/app.log.1
}

@test "names like LOG.01 or LOG.x are not archives" {
    mk logs/app.log "new"
    mk logs/app.log.01 "z"
    mk logs/app.log.1x "z"
    mk logs/app.log.1.bak "z"
    conf 'logs/app.log {' '}'
    lr c.conf
    expect_out "rotated logs/app.log -> logs/app.log.1"
    [ -e logs/app.log.01 ] && [ -e logs/app.log.1x ] && [ -e logs/app.log.1.bak ]
}

@test "compress gzips the new archive and keeps its time" {
    mk logs/app.log "hello
world
" $((NOW - 500))
    conf 'logs/app.log {' '  compress' '  rotate 2' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1
compressed logs/app.log.1"
    gzis "hello
world
" logs/app.log.1.gz
    [ ! -e logs/app.log.1 ]
    [ "$(stat -c %Y logs/app.log.1.gz)" -eq $((NOW - 500)) ]
}

@test "delaycompress leaves only the newest archive plain" {
    mk logs/app.log "new"
    mk logs/app.log.1 "one"
    mk logs/app.log.2 "two"
    gzmk logs/app.log.3.gz "three"
    conf 'logs/app.log {' '  compress' '  delaycompress' '  rotate 9' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1
compressed logs/app.log.3
compressed logs/app.log.2"
    is new logs/app.log.1
    gzis one logs/app.log.2.gz
    gzis two logs/app.log.3.gz
    gzis three logs/app.log.4.gz
    [ "$(files logs | wc -l)" -eq 4 ]
}

@test "compress without delaycompress also compresses older plain archives" {
    mk logs/app.log "new"
    mk logs/app.log.1 "one"
    conf 'logs/app.log {' '  compress' '  rotate 3' '}'
    lr c.conf
    expect_out "rotated logs/app.log -> logs/app.log.1
compressed logs/app.log.2
compressed logs/app.log.1"
    gzis new logs/app.log.1.gz
    gzis one logs/app.log.2.gz
}

@test "removal happens before compression" {
    mk logs/app.log "new"
    mk logs/app.log.1 "one"
    mk logs/app.log.2 "two"
    conf 'logs/app.log {' '  compress' '  delaycompress' '  rotate 2' '}'
    lr c.conf
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.3
compressed logs/app.log.2"
    is new logs/app.log.1
    gzis one logs/app.log.2.gz
}

@test "maxage keeps an archive exactly D days old" {
    mk logs/app.log "new" $((NOW - 10))
    mk logs/app.log.1 "one" $((NOW - 3 * DAY))
    mk logs/app.log.2 "two" $((NOW - 3 * DAY - 1))
    mk logs/app.log.3 "three" $((NOW - 9 * DAY))
    conf 'logs/app.log {' '  rotate 10' '  maxage 3' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.4
removed logs/app.log.3"
    is one logs/app.log.2
    is new logs/app.log.1
}

@test "maxage and count removals together, oldest first" {
    mk logs/app.log "new" $((NOW - 10))
    mk logs/app.log.1 "one" $((NOW - 5 * DAY))
    mk logs/app.log.2 "two" $((NOW - 1 * DAY))
    mk logs/app.log.3 "three" $((NOW - 1 * DAY))
    conf 'logs/app.log {' '  rotate 3' '  maxage 2' '}'
    lr c.conf
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.4
removed logs/app.log.2"
    [ "$(files logs)" = "app.log.1
app.log.3" ]
}

@test "create MODE makes the new log with exactly that mode" {
    mk logs/app.log "x"
    chmod 0600 logs/app.log
    conf 'logs/app.log {' '  create 0664' '}'
    run --separate-stderr agent env LOGROT_NOW=$NOW bash -c 'umask 077; exec bash "$1" c.conf' _ "$SCRIPT"
    [ "$status" -eq 0 ]
    [ -f logs/app.log ] && [ ! -s logs/app.log ]
    [ "$(stat -c %a logs/app.log)" = 664 ]
}

@test "create without MODE keeps the old mode; no create leaves no log" {
    mk logs/app.log "x"
    chmod 0640 logs/app.log
    mk logs/b.log "y"
    conf 'logs/app.log {' '  create' '}' 'logs/b.log {' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    [ "$(stat -c %a logs/app.log)" = 640 ]
    [ ! -e logs/b.log ]
    is y logs/b.log.1
}

@test "copytruncate keeps the log file and dates the archive" {
    mk logs/app.log "data" $((NOW - 5 * DAY))
    chmod 0646 logs/app.log
    ino=$(stat -c %i logs/app.log)
    conf 'logs/app.log {' '  copytruncate' '  create 0600' '  rotate 3' '  maxage 4' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.1"
    [ ! -e logs/app.log.1 ]
    [ "$(stat -c %i logs/app.log)" = "$ino" ]
    [ ! -s logs/app.log ]
    [ "$(stat -c %a logs/app.log)" = 646 ]
}

@test "copytruncate archive content, time and mode" {
    mk logs/app.log "data" $((NOW - 100))
    # Writable by others: the tool runs under another uid than these tests and must truncate it.
    chmod 0606 logs/app.log
    conf 'logs/app.log {' '  copytruncate' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    is data logs/app.log.1
    [ ! -s logs/app.log ]
    [ "$(stat -c %Y logs/app.log.1)" -eq $((NOW - 100)) ]
    [ "$(stat -c %a logs/app.log.1)" = 606 ]
}

@test "renamed archives keep their time for maxage" {
    mk logs/app.log "x" $((NOW - 4 * DAY))
    conf 'logs/app.log {' '  maxage 3' '  rotate 5' '}'
    lr c.conf
    expect_out "rotated logs/app.log -> logs/app.log.1
removed logs/app.log.1"
}

@test "notifempty and ifempty" {
    : > logs/e.log
    : > logs/f.log
    conf 'notifempty' 'logs/e.log {' '}' 'logs/f.log {' '  ifempty' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/f.log -> logs/f.log.1"
    [ -e logs/e.log ] && [ ! -e logs/e.log.1 ]
}

@test "size is a strict bound and understands suffixes" {
    head -c 1024 /dev/zero > logs/a.log
    head -c 1025 /dev/zero > logs/b.log
    head -c 2097152 /dev/zero > logs/c.log
    head -c 2097153 /dev/zero > logs/d.log
    conf 'logs/a.log logs/b.log {' '  size 1k' '}' 'logs/c.log logs/d.log {' '  size 2M' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/b.log -> logs/b.log.1
rotated logs/d.log -> logs/d.log.1"
}

@test "-f ignores size but not notifempty" {
    mk logs/a.log "abc"
    : > logs/b.log
    conf 'logs/a.log logs/b.log {' '  size 1G' '  notifempty' '}'
    lr -f c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log.1"
}

@test "a period: first sight records the time without rotating" {
    mk logs/a.log "abc"
    conf 'logs/a.log {' '  daily' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [ ! -e logs/a.log.1 ]
    is 'logrot state 1
"logs/a.log" 1704067200
' logrot.state
    LRNOW=$((NOW + DAY - 1)) lr c.conf
    [ -z "$output" ]
    LRNOW=$((NOW + DAY)) lr c.conf
    expect_out "rotated logs/a.log -> logs/a.log.1"
    is 'logrot state 1
"logs/a.log" 1704153600
' logrot.state
}

@test "size is checked before the period is recorded" {
    mk logs/a.log "abc"
    conf 'logs/a.log {' '  weekly' '  size 10' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    [ ! -e logrot.state ] || is 'logrot state 1
' logrot.state
    mk logs/a.log "0123456789A"
    lr c.conf
    [ -z "$output" ]
    is 'logrot state 1
"logs/a.log" 1704067200
' logrot.state
}

@test "-f rotates a log inside its period" {
    mk logs/a.log "abc"
    printf 'logrot state 1\n"logs/a.log" %s\n' $((NOW - 10)) > st
    conf 'logs/a.log {' '  hourly' '}'
    lr -s st c.conf
    [ -z "$output" ]
    lr -f -s st c.conf
    expect_out "rotated logs/a.log -> logs/a.log.1"
    is "logrot state 1
\"logs/a.log\" $NOW
" st
}

@test "dateext names archives by the clock in UTC" {
    mk logs/a.log "a"
    mk logs/b.log "b"
    conf 'logs/a.log {' '  dateext' '}' 'logs/b.log {' '  dateext' '  dateformat .%Y-%m-%d_%H%M%S.%s' '}'
    LRNOW=1709251199 lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log-20240229
rotated logs/b.log -> logs/b.log.2024-02-29_235959.1709251199"
    is a logs/a.log-20240229
}

@test "dateext keeps the newest archives by name" {
    mk logs/a.log "new"
    mk logs/a.log-20231201 "x"
    gzmk logs/a.log-20231215.gz "y"
    mk logs/a.log-20231230 "z"
    mk logs/a.log-2023123 "short"
    mk logs/a.log-old "old"
    mk logs/a.log-20231201.txt "txt"
    conf 'logs/a.log {' '  dateext' '  rotate 2' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log-20240101
removed logs/a.log-20231201
removed logs/a.log-20231215.gz"
    [ "$(files logs)" = "a.log-20231201.txt
a.log-2023123
a.log-20231230
a.log-20240101
a.log-old" ]
}

@test "dateext with compress and delaycompress" {
    mk logs/a.log "new"
    mk logs/a.log-20231230 "z"
    mk logs/a.log-20231229 "y"
    conf 'logs/a.log {' '  dateext' '  rotate 5' '  compress' '  delaycompress' '}'
    lr c.conf
    expect_out "rotated logs/a.log -> logs/a.log-20240101
compressed logs/a.log-20231229
compressed logs/a.log-20231230"
    is new logs/a.log-20240101
    gzis z logs/a.log-20231230.gz
}

@test "dateext: an existing archive is an error and the run goes on" {
    mk logs/a.log "a"
    gzmk logs/a.log-20240101.gz "old"
    mk logs/b.log "b"
    conf 'logs/a.log logs/b.log {' '  dateext' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_err "logrot: error: logs/a.log: archive logs/a.log-20240101 already exists"
    expect_out "rotated logs/b.log -> logs/b.log-20240101"
    is a logs/a.log
}

@test "dateext archives of a log whose name holds glob characters" {
    mk 'logs/x[1].log' "new"
    mk 'logs/x[1].log-20231201' "a"
    mk 'logs/x[1].log-20231202' "b"
    mk 'logs/x1.log-20231203' "other"
    conf 'logs/x\[1\].log {' '  dateext' '  rotate 2' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/x[1].log -> logs/x[1].log-20240101
removed logs/x[1].log-20231201"
    [ -e logs/x1.log-20231203 ]
}

@test "numbered archives of a log whose name holds glob characters" {
    mk 'logs/a*.log' "new"
    mk 'logs/a*.log.1' "one"
    mk 'logs/ab.log.1' "other"
    conf '"logs/a*.log" {' '  rotate 3' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a*.log -> logs/a*.log.1"
    is one 'logs/a*.log.2'
    is other logs/ab.log.1
    [ ! -e logs/ab.log.2 ]
}
