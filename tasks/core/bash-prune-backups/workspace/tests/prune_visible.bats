#!/usr/bin/env bats
# Some of the tests for prune-backups.sh: run them with `bats tests`.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../prune-backups.sh"
    cd "$BATS_TEST_TMPDIR"
    mkdir b
}

# backup NAME DAY: create b/NAME with a modification time on day DAY of January 2024
backup() { echo "$1" > "b/$1"; touch -d "2024-01-$(printf %02d "$2") 12:00:00" "b/$1"; }

@test "keeps the newest COUNT, deletes the rest oldest first" {
    backup db-1.sql 1; backup db-2.sql 2; backup db-3.sql 3; backup db-4.sql 4
    run --separate-stderr agent bash "$SCRIPT" -k 2 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted db-1.sql
deleted db-2.sql
kept 2, deleted 2" ]
    [ -z "$stderr" ]
    [ -e b/db-3.sql ] && [ -e b/db-4.sql ] && [ ! -e b/db-1.sql ] && [ ! -e b/db-2.sql ]
}

@test "file names with spaces" {
    backup "old dump.sql" 1; backup "new dump.sql" 2
    run agent bash "$SCRIPT" -k 1 b
    [ "$status" -eq 0 ]
    [ "$output" = "deleted old dump.sql
kept 1, deleted 1" ]
    [ -e "b/new dump.sql" ] && [ ! -e "b/old dump.sql" ]
}

@test "dry run deletes nothing" {
    backup a 1; backup b 2; backup c 3
    run agent bash "$SCRIPT" -n -k 1 b
    [ "$status" -eq 0 ]
    [ "$output" = "would delete a
would delete b
kept 1, would delete 2" ]
    [ -e b/a ] && [ -e b/b ] && [ -e b/c ]
}

@test "a missing folder is an error and nothing is deleted" {
    run --separate-stderr agent bash "$SCRIPT" -k 0 "no such dir"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "prune-backups: not a directory: no such dir" ]
}
