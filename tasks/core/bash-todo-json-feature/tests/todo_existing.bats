#!/usr/bin/env bats
# Tests of the existing commands of todo.sh: run them with `bats tests`.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    TODO="$BATS_TEST_DIRNAME/../todo.sh"
    cd "$BATS_TEST_TMPDIR"
    export TODO_FILE="$BATS_TEST_TMPDIR/my list.txt"
}

@test "add and list" {
    run agent bash "$TODO" add buy milk
    [ "$output" = "added 1" ]
    run agent bash "$TODO" add "call   Bob"
    [ "$output" = "added 2" ]
    run --separate-stderr agent bash "$TODO" list
    [ "$status" -eq 0 ]
    [ "$output" = "1 [ ] buy milk
2 [ ] call   Bob" ]
}

@test "done and rm" {
    agent bash "$TODO" add one; agent bash "$TODO" add two; agent bash "$TODO" add three
    run agent bash "$TODO" done 2
    [ "$output" = "done 2" ]
    run agent bash "$TODO" rm 1
    [ "$output" = "removed 1" ]
    run agent bash "$TODO" list
    [ "$output" = "2 [x] two
3 [ ] three" ]
}

@test "IDs continue after the largest one" {
    agent bash "$TODO" add one; agent bash "$TODO" add two
    agent bash "$TODO" rm 1
    run agent bash "$TODO" add three
    [ "$output" = "added 3" ]
}

@test "TODO_FILE defaults to ./todo.txt" {
    unset TODO_FILE
    agent bash "$TODO" add here
    [ -f todo.txt ]
    run agent bash "$TODO" list
    [ "$output" = "1 [ ] here" ]
}

@test "an empty list prints nothing" {
    run --separate-stderr agent bash "$TODO" list
    [ "$status" -eq 0 ]
    [ -z "$output" ]
}

@test "errors" {
    agent bash "$TODO" add one
    run --separate-stderr agent bash "$TODO" done 7
    [ "$status" -eq 1 ]
    [ "$stderr" = "todo: no item 7" ]
    run --separate-stderr agent bash "$TODO" rm x1
    [ "$status" -eq 1 ]
    [ "$stderr" = "todo: invalid id: x1" ]
    run --separate-stderr agent bash "$TODO" frobnicate
    [ "$status" -eq 64 ]
    [[ "$stderr" == "usage: todo.sh"* ]]
    run --separate-stderr agent bash "$TODO"
    [ "$status" -eq 64 ]
    run --separate-stderr agent bash "$TODO" add
    [ "$status" -eq 64 ]
    run --separate-stderr agent bash "$TODO" done
    [ "$status" -eq 64 ]
}
