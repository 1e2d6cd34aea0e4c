#!/usr/bin/env bats
# Hidden tests for the new list options and the edit command of todo.sh.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    TODO="$BATS_TEST_DIRNAME/../todo.sh"
    cd "$BATS_TEST_TMPDIR"
    export TODO_FILE="$BATS_TEST_TMPDIR/list file.txt"
}

three() {
    agent bash "$TODO" add buy milk > /dev/null
    agent bash "$TODO" add 'say "hi"' > /dev/null
    agent bash "$TODO" add water plants > /dev/null
    agent bash "$TODO" done 1 > /dev/null
}

@test "the example from the task description" {
    agent bash "$TODO" add buy milk; agent bash "$TODO" add 'say "hi"'; agent bash "$TODO" done 1
    run --separate-stderr agent bash "$TODO" list --json
    [ "$status" -eq 0 ]
    [ -z "$stderr" ]
    [ "$output" = '[{"id":1,"text":"buy milk","done":true},{"id":2,"text":"say \"hi\"","done":false}]' ]
    run agent bash "$TODO" list --pending
    [ "$output" = '2 [ ] say "hi"' ]
}

@test "--json on an empty list is []" {
    run --separate-stderr agent bash "$TODO" list --json
    [ "$status" -eq 0 ]
    [ "$output" = "[]" ]
}

@test "--json output is one line of valid JSON" {
    three
    run agent bash "$TODO" list --json
    [ "${#lines[@]}" -eq 1 ]
    printf '%s' "$output" | jq -e 'length == 3' > /dev/null
}

@test "--json escapes backslashes, quotes and keeps odd characters" {
    agent bash "$TODO" add 'C:\temp\new folder' > /dev/null
    agent bash "$TODO" add '100% done, "really"' > /dev/null
    agent bash "$TODO" add 'café — naïve 日本' > /dev/null
    agent bash "$TODO" add '$HOME `x` *' > /dev/null
    run agent bash "$TODO" list --json
    [ "$status" -eq 0 ]
    [ "$output" = '[{"id":1,"text":"C:\\temp\\new folder","done":false},{"id":2,"text":"100% done, \"really\"","done":false},{"id":3,"text":"café — naïve 日本","done":false},{"id":4,"text":"$HOME `x` *","done":false}]' ]
    [ "$(printf '%s' "$output" | jq -r '.[0].text')" = 'C:\temp\new folder' ]
}

@test "--json ids are numbers and follow the file" {
    three
    agent bash "$TODO" rm 2 > /dev/null
    agent bash "$TODO" add again > /dev/null
    run agent bash "$TODO" list --json
    [ "$output" = '[{"id":1,"text":"buy milk","done":true},{"id":3,"text":"water plants","done":false},{"id":4,"text":"again","done":false}]' ]
}

@test "--pending and --done filter the text listing" {
    three
    run --separate-stderr agent bash "$TODO" list --pending
    [ "$status" -eq 0 ]
    [ "$output" = '2 [ ] say "hi"
3 [ ] water plants' ]
    run --separate-stderr agent bash "$TODO" list --done
    [ "$status" -eq 0 ]
    [ "$output" = "1 [x] buy milk" ]
}

@test "filters combine with --json, in any order" {
    three
    run agent bash "$TODO" list --json --done
    [ "$output" = '[{"id":1,"text":"buy milk","done":true}]' ]
    run agent bash "$TODO" list --pending --json
    [ "$output" = '[{"id":2,"text":"say \"hi\"","done":false},{"id":3,"text":"water plants","done":false}]' ]
}

@test "a filter matching nothing" {
    agent bash "$TODO" add only pending > /dev/null
    run --separate-stderr agent bash "$TODO" list --done
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    run agent bash "$TODO" list --done --json
    [ "$output" = "[]" ]
}

@test "list usage errors: both filters, unknown options, arguments" {
    three
    for args in "--pending --done" "--done --pending" "--all" "--json extra" "-j"; do
        # shellcheck disable=SC2086
        run --separate-stderr agent bash "$TODO" list $args
        echo "args '$args': status $status"
        [ "$status" -eq 64 ]
        [ -z "$output" ]
        [[ "$stderr" == "usage: todo.sh"* ]]
    done
}

@test "the usage text mentions edit and --json" {
    run --separate-stderr agent bash "$TODO" nope
    [ "$status" -eq 64 ]
    [[ "$stderr" == *edit* ]]
    [[ "$stderr" == *--json* ]]
}

@test "edit replaces the text, keeps id, place and done state" {
    three
    run --separate-stderr agent bash "$TODO" edit 1 buy oat   milk
    [ "$status" -eq 0 ]
    [ "$output" = "edited 1" ]
    [ -z "$stderr" ]
    run agent bash "$TODO" list
    [ "$output" = '1 [x] buy oat milk
2 [ ] say "hi"
3 [ ] water plants' ]
}

@test "edit a middle item; later adds continue the numbering" {
    three
    agent bash "$TODO" edit 2 "say 'hello'" > /dev/null
    run agent bash "$TODO" add new
    [ "$output" = "added 4" ]
    run agent bash "$TODO" list --json
    [ "$output" = '[{"id":1,"text":"buy milk","done":true},{"id":2,"text":"say '"'"'hello'"'"'","done":false},{"id":3,"text":"water plants","done":false},{"id":4,"text":"new","done":false}]' ]
}

@test "edit keeps backslashes and percent signs exactly" {
    agent bash "$TODO" add x > /dev/null
    run agent bash "$TODO" edit 1 'path\to\file \n 50%'
    [ "$output" = "edited 1" ]
    run agent bash "$TODO" list
    [ "$output" = '1 [ ] path\to\file \n 50%' ]
    run agent bash "$TODO" list --json
    [ "$output" = '[{"id":1,"text":"path\\to\\file \\n 50%","done":false}]' ]
}

@test "edit turns tabs into spaces" {
    agent bash "$TODO" add x > /dev/null
    agent bash "$TODO" edit 1 $'a\tb' > /dev/null
    run agent bash "$TODO" list
    [ "$output" = "1 [ ] a b" ]
}

@test "edit errors: unknown id, invalid id, missing text" {
    three
    run --separate-stderr agent bash "$TODO" edit 9 text
    [ "$status" -eq 1 ]
    [ "$stderr" = "todo: no item 9" ]
    run --separate-stderr agent bash "$TODO" edit one text
    [ "$status" -eq 1 ]
    [ "$stderr" = "todo: invalid id: one" ]
    run --separate-stderr agent bash "$TODO" edit 1
    [ "$status" -eq 64 ]
    run --separate-stderr agent bash "$TODO" edit
    [ "$status" -eq 64 ]
    run --separate-stderr agent bash "$TODO" edit 1 ""
    [ "$status" -eq 64 ]
    run agent bash "$TODO" list
    [ "$output" = '1 [x] buy milk
2 [ ] say "hi"
3 [ ] water plants' ]
}

@test "edit with TODO_FILE unset uses ./todo.txt" {
    unset TODO_FILE
    agent bash "$TODO" add first > /dev/null
    agent bash "$TODO" edit 1 second > /dev/null
    run agent bash "$TODO" list --json
    [ "$output" = '[{"id":1,"text":"second","done":false}]' ]
}

@test "existing commands still work after edits" {
    three
    agent bash "$TODO" edit 3 water the plants > /dev/null
    run agent bash "$TODO" done 3
    [ "$output" = "done 3" ]
    run agent bash "$TODO" rm 1
    [ "$output" = "removed 1" ]
    run agent bash "$TODO" list
    [ "$output" = '2 [ ] say "hi"
3 [x] water the plants' ]
}

@test "--json escapes control characters exactly as jq -c does" {
    agent bash "$TODO" add $'bell\a back\b form\f cr\r esc\e[1m unit\x1f soh\x01' > /dev/null
    run --separate-stderr agent bash "$TODO" list --json
    [ "$status" -eq 0 ]
    [ "$output" = '[{"id":1,"text":"bell\u0007 back\b form\f cr\r esc\u001b[1m unit\u001f soh\u0001","done":false}]' ]
    [ "$(printf '%s' "$output" | jq -r '.[0].text')" = $'bell\a back\b form\f cr\r esc\e[1m unit\x1f soh\x01' ]
}

@test "--json escapes DEL as jq does, and an edited text with control characters" {
    agent bash "$TODO" add first > /dev/null
    agent bash "$TODO" add $'del\x7f' > /dev/null
    agent bash "$TODO" edit 1 $'new\x02\x1e\\ "q"' > /dev/null
    run --separate-stderr agent bash "$TODO" list --json
    [ "$output" = '[{"id":1,"text":"new\u0002\u001e\\ \"q\"","done":false},{"id":2,"text":"del\u007f","done":false}]' ]
}

@test "--json keeps spaces, dashes and shell-special texts as they are" {
    agent bash "$TODO" add '  two  spaces  ' > /dev/null
    agent bash "$TODO" add -n > /dev/null
    agent bash "$TODO" add -e '\t%s&|/' > /dev/null
    agent bash "$TODO" add '\u0041 \\' > /dev/null
    run --separate-stderr agent bash "$TODO" list --json
    [ "$output" = '[{"id":1,"text":"  two  spaces  ","done":false},{"id":2,"text":"-n","done":false},{"id":3,"text":"-e \\t%s&|/","done":false},{"id":4,"text":"\\u0041 \\\\","done":false}]' ]
}
