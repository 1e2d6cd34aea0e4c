#!/usr/bin/env bats
# Some of the tests for logrot: run them with `bats tests`.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent
load common

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../logrot"
    cd "$BATS_TEST_TMPDIR"
    mkdir logs
}

@test "visible: older archives keep their content when shifted" {
    mk logs/app.log "new"
    mk logs/app.log.1 "one"
    mk logs/app.log.2 "two"
    conf 'logs/app.log {' '    rotate 5' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1"
    [ -z "$stderr" ]
    is new logs/app.log.1
    is one logs/app.log.2
    is two logs/app.log.3
    [ ! -e logs/app.log ]
}

@test "visible: delaycompress compresses the archive on the next rotation" {
    mk logs/app.log "first"
    conf 'logs/app.log {' '    rotate 4' '    compress' '    delaycompress' '    create' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1"
    is first logs/app.log.1
    mk logs/app.log "second"
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/app.log -> logs/app.log.1
compressed logs/app.log.2"
    is second logs/app.log.1
    gzis first logs/app.log.2.gz
    [ ! -e logs/app.log.2 ]
}

@test "visible: a directory with a space in its name" {
    mkdir "my app"
    mk "my app/web.log" "w"
    conf '"my app"/*.log {' '    rotate 2' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated my app/web.log -> my app/web.log.1"
    [ -z "$stderr" ]
    is w "my app/web.log.1"
}

@test "visible: the state file records the rotation" {
    mk logs/a.log "a"
    conf 'logs/a.log {' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    is 'logrot state 1
"logs/a.log" 1704067200
' logrot.state
}
