#!/usr/bin/env bats
# Hidden tests for prune-backups.sh.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../prune-backups.sh"
    cd "$BATS_TEST_TMPDIR"
    mkdir b
}

teardown() {
    chmod -R u+w "$BATS_TEST_TMPDIR" 2>/dev/null || true
}

# backup NAME DAY [TIME]: create b/NAME modified on day DAY of January 2024
backup() { echo "$1" > "b/$1"; touch -d "2024-01-$(printf %02d "$2") ${3:-12:00:00}" "b/$1"; }

@test "default COUNT is 7" {
    for d in 1 2 3 4 5 6 7 8 9; do backup "dump-$d" "$d"; done
    run --separate-stderr agent bash "$SCRIPT" b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted dump-1
deleted dump-2
kept 7, deleted 2" ]
    [ "$(ls b | wc -l)" -eq 7 ]
}

@test "order is by modification time, not by name" {
    backup zzz 1; backup aaa 3; backup mmm 2
    run agent bash "$SCRIPT" -k 1 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted zzz
deleted mmm
kept 1, deleted 2" ]
    [ -e b/aaa ]
}

@test "equal times: the later name in byte order counts as newer" {
    backup B 5; backup a 5; backup C 5; backup b 5
    run agent bash "$SCRIPT" -k 2 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted B
deleted C
kept 2, deleted 2" ]
    [ -e b/a ] && [ -e b/b ]
}

@test "times within the same day are ordered too" {
    backup early 3 01:00:00; backup late 3 23:00:00; backup noon 3 12:00:00
    run agent bash "$SCRIPT" -k 1 b
    [ "$output" = "deleted early
deleted noon
kept 1, deleted 2" ]
}

@test "fewer backups than COUNT: nothing deleted" {
    backup one 1; backup two 2
    run --separate-stderr agent bash "$SCRIPT" -k 5 b
    [ "$status" -eq 0 ]
    [ "$output" = "kept 2, deleted 0" ]
    [ -z "$stderr" ]
}

@test "an empty folder" {
    run --separate-stderr agent bash "$SCRIPT" b
    [ "$status" -eq 0 ]
    [ "$output" = "kept 0, deleted 0" ]
}

@test "-k 0 deletes every backup" {
    backup x 1; backup y 2
    run agent bash "$SCRIPT" -k 0 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted x
deleted y
kept 0, deleted 2" ]
    [ -z "$(ls -A b)" ]
}

@test "-p selects the backups; other files are never touched" {
    backup db-1.sql.gz 1; backup db-2.sql.gz 2; backup db-3.sql.gz 3
    backup notes.txt 1; backup db-0.sql 1
    run agent bash "$SCRIPT" -k 1 -p 'db-*.sql.gz' b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted db-1.sql.gz
deleted db-2.sql.gz
kept 1, deleted 2" ]
    [ -e b/notes.txt ] && [ -e b/db-0.sql ] && [ -e b/db-3.sql.gz ]
}

@test "-p with character classes and ?" {
    backup "log.1" 1; backup "log.2" 2; backup "log.10" 3; backup "log.a" 4
    run agent bash "$SCRIPT" -k 0 -p 'log.[0-9]' b
    [ "$output" = "deleted log.1
deleted log.2
kept 0, deleted 2" ]
    [ -e b/log.10 ] && [ -e b/log.a ]
}

@test "sub-folders, their content, links and hidden files are left alone" {
    backup a 1; backup b 2
    mkdir "b/old folder"; echo x > "b/old folder/inner"; touch -d "2023-01-01" "b/old folder"
    ln -s a b/link-to-a
    echo h > b/.hidden; touch -d "2023-01-01" b/.hidden
    run agent bash "$SCRIPT" -k 0 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted a
deleted b
kept 0, deleted 2" ]
    [ -e "b/old folder/inner" ] && [ -L b/link-to-a ] && [ -e b/.hidden ]
}

@test "odd file names: leading dash, glob characters, tabs, quotes" {
    backup "-rf" 1; backup "*" 2; backup "it's	tabbed" 3; backup 'say "hi"' 4; backup keep 5
    run --separate-stderr agent bash "$SCRIPT" -k 1 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted -rf
deleted *
deleted it's	tabbed
deleted say \"hi\"
kept 1, deleted 4" ]
    [ "$(ls -A b)" = keep ]
}

@test "a folder name with spaces, from another directory" {
    mkdir -p "my backups" elsewhere
    echo 1 > "my backups/a"; touch -d 2024-01-01 "my backups/a"
    echo 2 > "my backups/b"; touch -d 2024-01-02 "my backups/b"
    cd elsewhere
    run agent bash "$SCRIPT" -k 1 "../my backups"
    [ "$status" -eq 0 ]
    [ "$output" = "deleted a
kept 1, deleted 1" ]
    [ -e "../my backups/b" ]
}

@test "grouped and attached options" {
    backup a 1; backup b 2; backup c 3
    run agent bash "$SCRIPT" -nk1 b
    [ "$status" -eq 0 ]
    [ "$output" = "would delete a
would delete b
kept 1, would delete 2" ]
    run agent bash "$SCRIPT" -nk 2 b
    [ "$output" = "would delete a
kept 2, would delete 1" ]
    run agent bash "$SCRIPT" -k2 -pa b
    [ "$output" = "kept 1, deleted 0" ]
    [ -e b/a ] && [ -e b/b ] && [ -e b/c ]
}

@test "-- ends the options, for a folder named like an option" {
    mkdir -- -n
    echo x > -n/f1; touch -d 2024-01-01 -- -n/f1
    echo y > -n/f2; touch -d 2024-01-02 -- -n/f2
    run agent bash "$SCRIPT" -k 1 -- -n
    [ "$status" -eq 0 ]
    [ "$output" = "deleted f1
kept 1, deleted 1" ]
}

@test "dry run with a pattern and default count" {
    for d in 1 2 3 4 5 6 7 8; do backup "x$d.tar" "$d"; done
    backup other 1
    run --separate-stderr agent bash "$SCRIPT" -n -p '*.tar' b
    [ "$status" -eq 0 ]
    [ "$output" = "would delete x1.tar
kept 7, would delete 1" ]
    [ "$(ls b | wc -l)" -eq 9 ]
}

@test "-h prints the usage on stdout and exits 0" {
    backup a 1
    run --separate-stderr agent bash "$SCRIPT" -h
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "usage: prune-backups.sh"* ]]
    [ -z "$stderr" ]
    run --separate-stderr agent bash "$SCRIPT" -k 0 -h b
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "usage: prune-backups.sh"* ]]
    [ -e b/a ]
}

@test "invalid counts exit 64 and delete nothing" {
    backup a 1
    for c in -1 3x '' ' 3' 1.5 abc; do
        run --separate-stderr agent bash "$SCRIPT" -k "$c" b
        echo "count '$c': status $status, stderr: $stderr"
        [ "$status" -eq 64 ]
        [ -z "$output" ]
        # bats trims trailing blanks from $stderr
        [ "$stderr" = "$(printf '%s' "prune-backups: invalid count: $c" | sed 's/[[:space:]]*$//')" ]
    done
    [ -e b/a ]
}

@test "a count with leading zeros is decimal" {
    for d in 1 2 3 4 5 6 7 8 9; do backup "f$d" "$d"; done
    run agent bash "$SCRIPT" -k 08 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted f1
kept 8, deleted 1" ]
}

@test "usage errors exit 64 and delete nothing" {
    backup a 1
    for args in "" "-x b" "-k" "-p" "b b" "-k 0 b extra"; do
        # shellcheck disable=SC2086
        run --separate-stderr agent bash "$SCRIPT" $args
        echo "args '$args': status $status, stderr: $stderr"
        [ "$status" -eq 64 ]
        [ -z "$output" ]
        [[ "$stderr" == *"usage: prune-backups.sh"* ]]
    done
    [ -e b/a ]
}

@test "a file instead of a folder: exit 2" {
    touch plain
    run --separate-stderr agent bash "$SCRIPT" -k 0 plain
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "prune-backups: not a directory: plain" ]
    [ -e plain ]
}

@test "files that cannot be deleted: reported, not counted, exit 1" {
    backup a 1; backup b 2; backup c 3
    chmod a-w b
    run --separate-stderr agent bash "$SCRIPT" -k 1 b
    chmod u+w b
    [ "$status" -eq 1 ]
    [ "$output" = "kept 1, deleted 0" ]
    [ "$stderr" = "prune-backups: cannot delete a
prune-backups: cannot delete b" ]
    [ -e b/a ] && [ -e b/b ]
}
