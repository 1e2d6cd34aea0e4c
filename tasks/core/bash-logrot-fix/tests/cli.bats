#!/usr/bin/env bats
# Hidden tests: command line, configuration errors (MANUAL.md sections 1-2).

bats_require_minimum_version 1.5.0
bats_load_library harness-agent
load common

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../logrot"
    cd "$BATS_TEST_TMPDIR"
    mkdir logs
    mk logs/a.log "a"
}

USAGE='usage: logrot [-d] [-f] [-s STATEFILE] CONFIG...'

@test "no config file prints the usage line and exits 2" {
    lr
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    expect_err "$USAGE"
}

@test "-h prints the usage on stdout" {
    lr -h
    [ "$status" -eq 0 ]
    expect_out "$USAGE"
    [ -z "$stderr" ]
}

@test "-s without an argument or with an empty one is a usage error" {
    conf 'logs/a.log {' '}'
    lr -s
    [ "$status" -eq 2 ]
    expect_err "$USAGE"
    lr -s '' c.conf
    [ "$status" -eq 2 ]
    expect_err "$USAGE"
    [ -e logs/a.log ] && [ ! -e logs/a.log.1 ]
}

@test "unknown option" {
    conf 'logs/a.log {' '}'
    lr -x c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: unknown option '-x'"
    [ ! -e logs/a.log.1 ]
}

@test "-- ends the options" {
    conf 'logs/a.log {' '}'
    cp c.conf ./-c.conf
    lr -- -c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log.1"
}

@test "bad LOGROT_NOW values" {
    conf 'logs/a.log {' '}'
    LRNOW=abc lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: bad LOGROT_NOW: 'abc'"
    run --separate-stderr agent env LOGROT_NOW= bash "$SCRIPT" c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: bad LOGROT_NOW: ''"
    LRNOW=1234567890123 lr c.conf
    [ "$status" -eq 2 ]
    [ ! -e logs/a.log.1 ]
}

@test "an unreadable config" {
    lr nope.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: cannot read config: nope.conf"
}

@test "unknown directive names file and line" {
    conf '# hello' '' 'logs/a.log {' '  rotate 2' '  frobnicate now' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    expect_err "logrot: c.conf:5: unknown directive 'frobnicate'"
    [ ! -e logs/a.log.1 ] && [ ! -e logrot.state ]
}

@test "argument count errors" {
    conf 'logs/a.log {' '  rotate' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:2: missing argument for rotate"
    conf 'logs/a.log {' '  size 1 2' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:2: too many arguments for size"
    conf 'logs/a.log {' '  compress yes' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:2: too many arguments for compress"
    conf 'logs/a.log {' '  create 0644 0600' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:2: too many arguments for create"
}

@test "rotate range and leading zeros" {
    for bad in 0 1001 -1 x 1.5 00000; do
        conf 'logs/a.log {' "  rotate $bad" '}'
        lr c.conf
        [ "$status" -eq 2 ]
        expect_err "logrot: c.conf:2: bad argument for rotate: '$bad'"
    done
    conf 'logs/a.log {' '  rotate 0001000' '}'
    lr c.conf
    [ "$status" -eq 0 ]
}

@test "size, maxage, create and dateformat arguments" {
    local line
    for line in 'size 10m' 'size 1kb' 'size -1' 'maxage 0' 'maxage 100000' 'create 999' 'create 64' \
        'create 06440' 'dateformat %Y%q' 'dateformat -%Y/%m' 'dateformat a%' 'dateformat -%F'; do
        conf 'logs/a.log {' "  $line" '}'
        lr c.conf
        [ "$status" -eq 2 ]
        expect_err "logrot: c.conf:2: bad argument for ${line%% *}: '${line#* }'"
    done
    conf 'logs/a.log {' '  maxage 99999' '  size 0' '  create 0600' '  dateformat _%Y.%m.%d-%H%M%S-%s' '}'
    lr c.conf
    [ "$status" -eq 0 ]
}

@test "quotes and block structure errors" {
    conf '"logs/a.log {' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:1: unterminated quote"
    conf '{' '}'
    lr c.conf
    expect_err "logrot: c.conf:1: block has no patterns"
    [ "$status" -eq 2 ]
    conf 'logs/a.log {' 'logs/b.log {' '}' '}'
    lr c.conf
    expect_err "logrot: c.conf:2: nested block"
    conf 'logs/a.log {' '}' '}'
    lr c.conf
    expect_err "logrot: c.conf:3: unexpected '}'"
    conf 'logs/a.log {' '} x'
    lr c.conf
    expect_err "logrot: c.conf:2: unexpected text after '}'"
    conf 'compress' '' 'logs/a.log {' '  rotate 2'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:3: missing '}'"
}

@test "script structure errors" {
    conf 'postrotate' 'endscript'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:1: postrotate outside a block"
    conf 'logs/a.log {' '  rotate 2' '  postrotate' '  echo hi' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:3: missing endscript"
    conf 'logs/a.log {' '  endscript' '}'
    lr c.conf
    expect_err "logrot: c.conf:2: endscript without a script"
}

@test "prerotate and olddir errors" {
    conf 'prerotate' 'endscript'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:1: prerotate outside a block"
    conf 'logs/a.log {' '  prerotate now' '  endscript' '}'
    lr c.conf
    expect_err "logrot: c.conf:2: too many arguments for prerotate"
    conf 'logs/a.log {' '  olddir' '}'
    lr c.conf
    expect_err "logrot: c.conf:2: missing argument for olddir"
    conf 'logs/a.log {' '  olddir ""' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:2: bad argument for olddir: ''"
    conf 'logs/a.log {' '  olddir a b' '}'
    lr c.conf
    expect_err "logrot: c.conf:2: too many arguments for olddir"
    conf 'logs/a.log {' '  postrotate' '  echo' '  endscript' '  prerotate' 'x' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:5: missing endscript"
}

@test "glob characters outside the last part of a pattern" {
    conf 'lo*/a.log {' '}'
    lr c.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: c.conf:1: glob characters are allowed only in the last part of 'lo*/a.log'"
}

@test "an error in a later config stops everything" {
    conf 'logs/a.log {' '}'
    printf 'bogus\n' > d.conf
    lr c.conf d.conf
    [ "$status" -eq 2 ]
    expect_err "logrot: d.conf:1: unknown directive 'bogus'"
    [ -z "$output" ]
    [ -e logs/a.log ] && [ ! -e logs/a.log.1 ] && [ ! -e logrot.state ]
}

@test "carriage returns and tabs in the config" {
    printf 'logs/a.log\t{\r\n\trotate\t3\r\n}\r\n' > c.conf
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log.1"
}

@test "defaults apply to blocks opened after them, also in later configs" {
    mk logs/b.log "b"
    mk logs/c.log "c"
    printf '%s\n' 'logs/a.log {' '}' 'compress' 'logs/b.log {' '}' > c.conf
    printf '%s\n' 'logs/c.log {' '  nocompress' '}' 'logs/d.log {' '  missingok' '}' > d.conf
    mk logs/d.log "d"
    lr c.conf d.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log.1
rotated logs/b.log -> logs/b.log.1
compressed logs/b.log.1
rotated logs/c.log -> logs/c.log.1
rotated logs/d.log -> logs/d.log.1
compressed logs/d.log.1"
}
