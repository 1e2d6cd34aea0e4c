#!/usr/bin/env bats
# Hidden tests: olddir, prerotate scripts, block phases (MANUAL.md 22a, 17, 28, 35).

bats_require_minimum_version 1.5.0
bats_load_library harness-agent
load common

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../logrot"
    cd "$BATS_TEST_TMPDIR"
    mkdir logs logs/old
}

@test "olddir: numbered archives live in the old directory" {
    mk logs/a.log "new"
    mk logs/old/a.log.1 "one"
    mk logs/old/a.log.2 "two"
    mk logs/a.log.1 "beside"
    conf 'logs/a.log {' '  olddir old/' '  rotate 2' '  compress' '  delaycompress' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/old/a.log.1
removed logs/old/a.log.3
compressed logs/old/a.log.2"
    is new logs/old/a.log.1
    gzis one logs/old/a.log.2.gz
    is beside logs/a.log.1
}

@test "olddir with dateext, delaycompress and a count" {
    mk logs/a.log "new"
    mk logs/old/a.log-20231201 "x"
    mk logs/old/a.log-20231202 "y"
    mk logs/a.log-20231130 "beside"
    conf 'logs/a.log {' '  olddir old' '  dateext' '  rotate 2' '  compress' '  delaycompress' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/old/a.log-20240101
removed logs/old/a.log-20231201
compressed logs/old/a.log-20231202"
    gzis y logs/old/a.log-20231202.gz
    is beside logs/a.log-20231130
}

@test "olddir: absolute, and for a bare log name" {
    mkdir arch old
    mk a.log "a"
    mk logs/b.log "b"
    conf 'a.log {' '  olddir old' '}' 'logs/b.log {' "  olddir $PWD/arch" '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated a.log -> old/a.log.1
rotated logs/b.log -> $PWD/arch/b.log.1"
    is a old/a.log.1
    is b arch/b.log.1
}

@test "olddir that does not exist is an error for that log only" {
    mk logs/a.log "a"
    mk logs/b.log "b"
    mk logs/nodir "file"
    conf 'logs/a.log {' '  olddir nodir' '}' 'logs/b.log {' '  olddir old' '  create' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_err "logrot: error: logs/a.log: olddir logs/nodir is not a directory"
    expect_out "rotated logs/b.log -> logs/old/b.log.1"
    is a logs/a.log
    lr -d c.conf
    [ "$status" -eq 1 ]
    expect_err "logrot: error: logs/a.log: olddir logs/nodir is not a directory"
}

@test "prerotate runs before each rotation" {
    mk logs/a.log "a"
    mk logs/b.log "b"
    conf 'logs/*.log {' '  prerotate' '    echo "pre $1 $#"; test -f "$1" && test ! -e "$1.1" && echo fresh' '  endscript' \
        '  postrotate' '    echo "post $1"' '  endscript' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "pre logs/a.log 1
fresh
rotated logs/a.log -> logs/a.log.1
post logs/a.log
pre logs/b.log 1
fresh
rotated logs/b.log -> logs/b.log.1
post logs/b.log"
}

@test "a failing prerotate keeps its log unrotated" {
    mk logs/a.log "a"
    mk logs/b.log "b"
    conf 'logs/*.log {' '  compress' '  prerotate' '    echo "pre $1"' '    [ "$1" != logs/a.log ] || exit 4' '  endscript' \
        '  postrotate' '    echo "post $1"' '  endscript' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_out "pre logs/a.log
pre logs/b.log
rotated logs/b.log -> logs/b.log.1
post logs/b.log
compressed logs/b.log.1"
    expect_err "logrot: error: logs/a.log: prerotate script failed with status 4"
    is a logs/a.log
    is 'logrot state 1
"logs/b.log" 1704067200
' logrot.state
}

@test "shared prerotate runs once with the due logs" {
    mk logs/a.log "a"
    : > logs/b.log
    mk logs/c.log "c"
    conf 'logs/*.log {' '  sharedscripts' '  notifempty' '  prerotate' '    echo "pre $*"; ls logs | tr "\n" " "; echo' \
        '  endscript' '  postrotate' '    echo "post $*"' '  endscript' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "pre logs/a.log logs/c.log
a.log b.log c.log old 
rotated logs/a.log -> logs/a.log.1
rotated logs/c.log -> logs/c.log.1
post logs/a.log logs/c.log"
}

@test "a failing shared prerotate stops the whole block" {
    mk logs/a.log "a"
    mk logs/b.log "b"
    mk logs/x.txt "x"
    conf 'logs/*.log {' '  sharedscripts' '  prerotate' '    exit 2' '  endscript' '  postrotate' '    echo post' \
        '  endscript' '}' 'logs/x.txt {' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_out "rotated logs/x.txt -> logs/x.txt.1"
    expect_err "logrot: error: prerotate script failed with status 2"
    is a logs/a.log
    is b logs/b.log
}

@test "shared scripts do not run when nothing is due" {
    : > logs/a.log
    conf 'logs/*.log {' '  sharedscripts' '  notifempty' '  prerotate' '    touch pre' '  endscript' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [ ! -e pre ]
}

@test "a block's patterns are all expanded before anything is rotated" {
    mk logs/a.log "a"
    conf 'logs/a.log logs/a.log.1 {' '  rotate 3' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_out "rotated logs/a.log -> logs/a.log.1"
    expect_err "logrot: error: logs/a.log.1: no such file"
    is a logs/a.log.1
    [ ! -e logs/a.log.1.1 ]
}

@test "dry run runs no prerotate script" {
    mk logs/a.log "a"
    conf 'logs/a.log {' '  prerotate' '    touch pre; exit 1' '  endscript' '}'
    lr -d c.conf
    [ "$status" -eq 0 ]
    expect_out "would rotate logs/a.log -> logs/a.log.1"
    [ ! -e pre ]
}
