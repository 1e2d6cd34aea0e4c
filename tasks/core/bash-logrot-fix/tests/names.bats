#!/usr/bin/env bats
# Hidden tests: patterns, odd names, state file, scripts, dry run (MANUAL.md 3, 7-9).

bats_require_minimum_version 1.5.0
bats_load_library harness-agent
load common

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../logrot"
    cd "$BATS_TEST_TMPDIR"
    mkdir logs
}

@test "logs of a glob are handled in byte order" {
    mk logs/b.log "1"; mk logs/B.log "2"; mk logs/_c.log "3"; mk logs/a.log "4"; mk logs/é.log "5"
    conf 'logs/*.log {' '}'
    LC_ALL=C.UTF-8 lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/B.log -> logs/B.log.1
rotated logs/_c.log -> logs/_c.log.1
rotated logs/a.log -> logs/a.log.1
rotated logs/b.log -> logs/b.log.1
rotated logs/é.log -> logs/é.log.1"
}

@test "a glob skips archives, dot files, directories and symlinks" {
    mk logs/a "1"; mk logs/a.1 "2"; mk logs/a.2.gz "3"; mk logs/.hidden "4"; mkdir logs/sub
    mk logs/b.tar.gz "5"; mk logs/v1.5 "6"; ln -s a logs/link
    conf 'logs/* {' '  rotate 5' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a -> logs/a.1"
    is 2 logs/a.2
    is 4 logs/.hidden
}

@test "a pattern starting with a dot matches dot files" {
    mk .x.log "1"; mk y.log "2"
    conf '.*.log {' '}'
    lr c.conf
    expect_out "rotated .x.log -> .x.log.1"
}

@test "a literal pattern that is a directory or symlink names nothing" {
    mkdir logs/d.log
    mk logs/real "r"; ln -s real logs/l.log
    conf 'logs/d.log logs/l.log {' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_err "logrot: error: logs/d.log: no such file
logrot: error: logs/l.log: no such file"
    [ -z "$output" ]
}

@test "no such file is an error unless missingok; the run goes on" {
    mk logs/b.log "b"
    conf 'logs/none*.log "logs/x y.log" {' '}' 'logs/b.log {' '}' 'logs/zz.log {' '  missingok' '}'
    lr c.conf
    [ "$status" -eq 1 ]
    expect_err "logrot: error: logs/none*.log: no such file
logrot: error: logs/x y.log: no such file"
    expect_out "rotated logs/b.log -> logs/b.log.1"
}

@test "a log named twice is handled once, with a warning" {
    mk logs/a.log "a"
    conf 'logs/a.log logs/*.log {' '  create' '}' 'logs/a.log {' '  compress' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log.1"
    expect_err "logrot: warning: logs/a.log: already handled
logrot: warning: logs/a.log: already handled"
    is a logs/a.log.1
}

@test "quoted and escaped glob characters match only themselves" {
    mk 'logs/a*.log' "1"; mk logs/ab.log "2"; mk 'logs/[x].log' "3"; mk logs/x.log "4"; mk 'logs/q?.log' "5"
    conf '"logs/a*.log" logs/\[x\].log logs/q\?.log {' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a*.log -> logs/a*.log.1
rotated logs/[x].log -> logs/[x].log.1
rotated logs/q?.log -> logs/q?.log.1"
    [ -e logs/ab.log ] && [ -e logs/x.log ]
}

@test "names with spaces, quotes and a leading dash" {
    mk 'logs/my log.txt' "1"; mk '-dash.log' "2"; mk 'logs/say "hi".log' "3"
    gzmk '-dash.log.1.gz' "old"
    conf '"logs/my log.txt" -dash.log {' '  rotate 3' '}' 'logs/say\ "\"hi\"".log {' '  compress' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out 'rotated logs/my log.txt -> logs/my log.txt.1
rotated -dash.log -> -dash.log.1
rotated logs/say "hi".log -> logs/say "hi".log.1
compressed logs/say "hi".log.1'
    is 2 ./-dash.log.1
    gzis old ./-dash.log.2.gz
    gzis 3 'logs/say "hi".log.1.gz'
}

@test "a leading dash with compress, create and copytruncate" {
    mk '-a.log' "1"; mk '-b.log' "2"
    conf '-a.log {' '  compress' '  create 0600' '}' '-b.log {' '  copytruncate' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    gzis 1 ./-a.log.1.gz
    [ "$(stat -c %a ./-a.log)" = 600 ]
    is 2 ./-b.log.1
    [ -f ./-b.log ] && [ ! -s ./-b.log ]
}

@test "newlines and tabs in names are escaped in messages and the state file" {
    mk $'logs/two\nlines.log' "n"
    mk $'logs/tab\there.log' "t"
    mk 'logs/back\slash.log' "b"
    conf 'logs/*.log {' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out 'rotated logs/back\\slash.log -> logs/back\\slash.log.1
rotated logs/tab\there.log -> logs/tab\there.log.1
rotated logs/two\nlines.log -> logs/two\nlines.log.1'
    is n $'logs/two\nlines.log.1'
    is 'logrot state 1
"logs/back\\slash.log" 1704067200
"logs/tab\there.log" 1704067200
"logs/two\nlines.log" 1704067200
' logrot.state
}

@test "escaped state entries are read back" {
    mk $'logs/two\nlines.log' "n"
    mk 'logs/q"uote.log' "q"
    printf '%s\n' 'logrot state 1' '"logs/q\"uote.log" 1704067000' '"logs/two\nlines.log" 1704067000' '"zz/other" 5' > st
    conf 'logs/*.log {' '  hourly' '}'
    lr -s st c.conf
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [ -z "$stderr" ]
    LRNOW=$((1704067000 + 3600)) lr -s st c.conf
    expect_out 'rotated logs/q"uote.log -> logs/q"uote.log.1
rotated logs/two\nlines.log -> logs/two\nlines.log.1'
    is 'logrot state 1
"logs/q\"uote.log" 1704070600
"logs/two\nlines.log" 1704070600
"zz/other" 5
' st
}

@test "state file errors exit 3 and rotate nothing" {
    mk logs/a.log "a"
    conf 'logs/a.log {' '}'
    printf 'logrot state 2\n' > st
    lr -s st c.conf
    [ "$status" -eq 3 ]
    expect_err "logrot: st:1: bad state header"
    : > st
    lr -s st c.conf
    [ "$status" -eq 3 ]
    expect_err "logrot: st:1: bad state header"
    printf 'logrot state 1\n"a" 1\n"b"  2\n' > st
    lr -s st c.conf
    [ "$status" -eq 3 ]
    expect_err "logrot: st:3: bad state line"
    printf 'logrot state 1\n"a\\x" 1\n' > st
    lr -s st c.conf
    [ "$status" -eq 3 ]
    expect_err "logrot: st:2: bad state line"
    printf 'logrot state 1\n"a"b" 1\n' > st
    lr -s st c.conf
    expect_err "logrot: st:2: bad state line"
    mkdir sd
    lr -s sd c.conf
    [ "$status" -eq 3 ]
    expect_err "logrot: cannot read state file: sd"
    [ -z "$output" ]
    is a logs/a.log
}

@test "the state file is written sorted and keeps unseen entries" {
    mk logs/b.log "b"; mk logs/a.log "a"
    printf '%s\n' 'logrot state 1' '"zeta" 7' '"Alpha" 9' > st
    conf 'logs/b.log logs/a.log {' '}'
    lr -s st c.conf
    [ "$status" -eq 0 ]
    is 'logrot state 1
"Alpha" 9
"logs/a.log" 1704067200
"logs/b.log" 1704067200
"zeta" 7
' st
    [ ! -e st.tmp ]
}

@test "postrotate runs per log with the exact name, before removal and compression" {
    mk 'logs/a b.log' "1"; mk logs/c.log "2"; mk logs/c.log.1 "old"
    conf 'logs/*.log {' '  compress' '  postrotate' '    printf "script [%s] %s\n" "$1" "$#"' \
        '    test -f "$1.1" && echo present' '  endscript' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a b.log -> logs/a b.log.1
script [logs/a b.log] 1
present
compressed logs/a b.log.1
rotated logs/c.log -> logs/c.log.1
script [logs/c.log] 1
present
removed logs/c.log.2
compressed logs/c.log.1"
}

@test "sharedscripts runs once after every rotation of the block" {
    mk logs/a.log "1"; mk logs/b.log "2"; mk logs/b.log.1 "old"; : > logs/c.log
    conf 'logs/*.log {' '  sharedscripts' '  notifempty' '  compress' '  postrotate' \
        '    echo "shared $# $1 $2"' '  endscript' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    expect_out "rotated logs/a.log -> logs/a.log.1
rotated logs/b.log -> logs/b.log.1
shared 2 logs/a.log logs/b.log
compressed logs/a.log.1
removed logs/b.log.2
compressed logs/b.log.1"
}

@test "sharedscripts does not run when nothing was rotated" {
    : > logs/a.log
    conf 'logs/*.log {' '  sharedscripts' '  notifempty' '  postrotate' '    echo ran' '    touch ran' \
        '  endscript' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [ ! -e ran ]
}

@test "a failing script is an error; the later steps still run" {
    mk logs/a.log "1"; mk logs/b.log "2"
    conf 'logs/a.log {' '  compress' '  postrotate' '    read x && echo "read $x"' '    exit 3' '  endscript' '}' \
        'logs/b.log {' '  sharedscripts' '  postrotate' '    false' '  endscript' '}'
    lr c.conf <<< "input"
    [ "$status" -eq 1 ]
    expect_out "rotated logs/a.log -> logs/a.log.1
compressed logs/a.log.1
rotated logs/b.log -> logs/b.log.1"
    expect_err "logrot: error: logs/a.log: postrotate script failed with status 3
logrot: error: postrotate script failed with status 1"
}

@test "a script runs in the current directory and its lines are kept verbatim" {
    mk logs/a.log "1"
    conf 'logs/a.log {' 'postrotate' 'cat <<END > out.txt' '  indented # not a comment' 'END' '    endscript  ' '}'
    lr c.conf
    [ "$status" -eq 0 ]
    is '  indented # not a comment
' out.txt
}

@test "dry run changes nothing" {
    mk logs/a.log "a"; mk logs/a.log.1 "one"; mk logs/b.log "b"; : > logs/e.log
    conf 'logs/*.log {' '  compress' '  notifempty' '  postrotate' '    touch ran' '  endscript' '}' \
        'logs/d.txt {' '  dateext' '}' 'logs/none {' '}'
    mk logs/d.txt "d"; mk logs/d.txt-20240101 "x"
    lr -d c.conf
    [ "$status" -eq 1 ]
    expect_out "would rotate logs/a.log -> logs/a.log.1
would rotate logs/b.log -> logs/b.log.1"
    expect_err "logrot: error: logs/d.txt: archive logs/d.txt-20240101 already exists
logrot: error: logs/none: no such file"
    [ "$(files logs)" = "a.log
a.log.1
b.log
d.txt
d.txt-20240101
e.log" ]
    [ ! -e ran ] && [ ! -e logrot.state ]
}

@test "dry run does not record periods and still checks the state file" {
    mk logs/a.log "a"
    conf 'logs/a.log {' '  daily' '}'
    printf 'logrot state 1\n' > st
    lr -d -s st c.conf
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    is 'logrot state 1
' st
    printf 'junk\n' > st
    lr -d -s st c.conf
    [ "$status" -eq 3 ]
}

@test "an unwritable state file is exit 3 after the run" {
    mk logs/a.log "a"
    mkdir ro
    conf 'logs/a.log {' '}'
    lr -s ro/sub/state c.conf
    [ "$status" -eq 3 ]
    expect_out "rotated logs/a.log -> logs/a.log.1"
    expect_err "logrot: cannot write state file: ro/sub/state"
}
