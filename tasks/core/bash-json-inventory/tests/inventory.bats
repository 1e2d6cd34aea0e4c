#!/usr/bin/env bats
# Hidden tests for inventory.sh.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../inventory.sh"
    cd "$BATS_TEST_TMPDIR"
}

# rows "a b c d" "e f g h" ...: expected report lines, fields given with '|' between them
rows() {
    local r
    for r in "$@"; do printf '%s\n' "${r//|/$'\t'}"; done
}

svc() { # svc NAME TEAM IMAGE [EXTRA-JSON]
    printf '{"name": "%s", "team": "%s", "image": "%s"%s}' "$1" "$2" "$3" "${4:+, $4}"
}

inv() { # inv SERVICE-JSON...
    local IFS=,
    printf '{"services": [%s]}\n' "$*"
}

@test "the example from the task description" {
    agent cp "$BATS_TEST_DIRNAME/../services.json" .
    run --separate-stderr agent bash "$SCRIPT" services.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 'data|etl nightly|1|2024.05.01-rc1' 'data|warehouse|2|15.3' 'shop|api|3|1.4.2' 'shop|web|2|latest' 'total replicas: 8')" ]
    [ -z "$stderr" ]
}

@test "sorted by team then name, in byte order" {
    inv "$(svc zeta b x:1)" "$(svc alpha b x:2)" "$(svc Zed a x:3)" "$(svc beta A x:4)" "$(svc 'a b' b x:5)" > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 'A|beta|1|4' 'a|Zed|1|3' 'b|a b|1|5' 'b|alpha|1|2' 'b|zeta|1|1' 'total replicas: 5')" ]
}

@test "image tags: registries with ports, nested paths, no tag" {
    inv "$(svc s1 t 'registry.local:5000/team/app')" \
        "$(svc s2 t 'registry.local:5000/team/app:v2')" \
        "$(svc s3 t 'redis:7')" \
        "$(svc s4 t 'busybox')" \
        "$(svc s5 t 'a.b/c/d/e:1.2.3-alpine')" \
        "$(svc s6 t 'localhost:5000/x')" > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 't|s1|1|latest' 't|s2|1|v2' 't|s3|1|7' 't|s4|1|latest' 't|s5|1|1.2.3-alpine' 't|s6|1|latest' 'total replicas: 6')" ]
}

@test "image digests are dropped before the tag is taken" {
    inv "$(svc d1 t 'nginx:1.25@sha256:0123abcd')" "$(svc d2 t 'repo:5000/nginx@sha256:0123abcd')" > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 't|d1|1|1.25' 't|d2|1|latest' 'total replicas: 2')" ]
}

@test "replicas default to 1; zero replicas stay 0" {
    inv "$(svc a t x:1)" "$(svc b t x:1 '"replicas": 0')" "$(svc c t x:1 '"replicas": 12')" > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 't|a|1|1' 't|b|0|1' 't|c|12|1' 'total replicas: 13')" ]
}

@test "disabled services are left out; enabled true or missing are kept" {
    inv "$(svc on t x:1 '"enabled": true, "replicas": 2')" "$(svc off t x:1 '"enabled": false, "replicas": 5')" \
        "$(svc def t x:1)" > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 't|def|1|1' 't|on|2|1' 'total replicas: 3')" ]
}

@test "an empty services array gives only the total" {
    echo '{"services": []}' > i.json
    run --separate-stderr agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "total replicas: 0" ]
}

@test "all services disabled gives only the total" {
    inv "$(svc a t x:1 '"enabled": false')" > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "total replicas: 0" ]
}

@test "--team before the file filters rows and total" {
    agent cp "$BATS_TEST_DIRNAME/../services.json" .
    run --separate-stderr agent bash "$SCRIPT" --team shop services.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 'shop|api|3|1.4.2' 'shop|web|2|latest' 'total replicas: 5')" ]
}

@test "--team after the file works too; team names with spaces" {
    inv "$(svc a 'red team' x:1 '"replicas": 2')" "$(svc b 'red' x:1)" "$(svc c 'red team' x:2)" > i.json
    run agent bash "$SCRIPT" i.json --team 'red team'
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 'red team|a|2|1' 'red team|c|1|2' 'total replicas: 3')" ]
}

@test "--team with no matching service" {
    agent cp "$BATS_TEST_DIRNAME/../services.json" .
    run agent bash "$SCRIPT" --team nobody services.json
    [ "$status" -eq 0 ]
    [ "$output" = "total replicas: 0" ]
}

@test "a file name with spaces" {
    mkdir "my dir"
    inv "$(svc a t x:1)" > "my dir/inv file.json"
    run agent bash "$SCRIPT" "my dir/inv file.json"
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 't|a|1|1' 'total replicas: 1')" ]
}

@test "extra keys, other key order and compact JSON on one line" {
    printf '{"meta":{"v":2},"services":[{"replicas":4,"image":"q:9","ports":[1,2],"team":"z","name":"n","env":{"A":"b"}}]}' > i.json
    run agent bash "$SCRIPT" i.json
    [ "$status" -eq 0 ]
    [ "$output" = "$(rows 'z|n|4|9' 'total replicas: 4')" ]
}

@test "a missing file: exit 2" {
    run --separate-stderr agent bash "$SCRIPT" "no such.json"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "inventory: cannot read no such.json" ]
}

@test "invalid JSON: exit 1" {
    printf '{"services": [' > bad.json
    run --separate-stderr agent bash "$SCRIPT" bad.json
    [ "$status" -eq 1 ]
    [ -z "$output" ]
    [ "$stderr" = "inventory: invalid inventory: bad.json" ]
}

@test "an empty file is not a valid inventory" {
    : > empty.json
    run --separate-stderr agent bash "$SCRIPT" empty.json
    [ "$status" -eq 1 ]
    [ -z "$output" ]
    [ "$stderr" = "inventory: invalid inventory: empty.json" ]
}

@test "valid JSON without a services array is not a valid inventory" {
    for doc in '[]' '{"services": {}}' '{"service": []}' '"services"' '{"services": null}'; do
        printf '%s\n' "$doc" > odd.json
        run --separate-stderr agent bash "$SCRIPT" odd.json
        echo "document: $doc -> status $status"
        [ "$status" -eq 1 ]
        [ -z "$output" ]
        [ "$stderr" = "inventory: invalid inventory: odd.json" ]
    done
}

@test "usage errors exit 64 with a usage message" {
    inv "$(svc a t x:1)" > i.json
    for args in "" "--team" "i.json --team" "--bogus i.json" "i.json i.json"; do
        # shellcheck disable=SC2086
        run --separate-stderr agent bash "$SCRIPT" $args
        echo "args: '$args' -> status $status, stderr: $stderr"
        [ "$status" -eq 64 ]
        [ -z "$output" ]
        [[ "$stderr" == "usage: inventory.sh"* ]]
    done
}

@test "nothing on stderr and exit 0 on success, from another directory" {
    mkdir -p a/b
    inv "$(svc a t x:1)" > i.json
    cd a/b
    run --separate-stderr agent bash "$SCRIPT" ../../i.json
    [ "$status" -eq 0 ]
    [ -z "$stderr" ]
    [ "${#lines[@]}" -eq 2 ]
}
