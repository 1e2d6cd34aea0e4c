#!/usr/bin/env bats
# Hidden tests for the convert.sh refactoring.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    WS="$BATS_TEST_DIRNAME/.."
    CONVERT="$WS/convert.sh"
    LIB="$WS/lib/units.sh"
    cd "$BATS_TEST_TMPDIR"
}

@test "to-bytes: the documented examples" {
    run --separate-stderr agent bash "$CONVERT" to-bytes 1.5K 2M 10kb 512B
    [ "$status" -eq 0 ]
    [ "$output" = "1536
2097152
10240
512" ]
    [ -z "$stderr" ]
}

@test "to-bytes: units, case, fractions rounded down" {
    run agent bash "$CONVERT" to-bytes 0 7 1k 1K 1kB 1KB 1m 1G 1g 1T 2.5T 0.1K 0.5k 1.75M 3b 0.9B 100.999K
    [ "$status" -eq 0 ]
    [ "$output" = "0
7
1024
1024
1024
1024
1048576
1073741824
1073741824
1099511627776
2748779069440
102
512
1835008
3
0
103422" ]
}

@test "to-bytes: invalid sizes are reported, the others still converted, exit 1" {
    run --separate-stderr agent bash "$CONVERT" to-bytes 1K abc 1.5 -3K 1.K .5K 2X "" "1 K" 1KK 5
    [ "$status" -eq 1 ]
    [ "$output" = "1024
1
5" ]
    [ "$stderr" = "convert: invalid size: abc
convert: invalid size: -3K
convert: invalid size: 1.K
convert: invalid size: .5K
convert: invalid size: 2X
convert: invalid size: 
convert: invalid size: 1 K
convert: invalid size: 1KK" ]
}

@test "human: the documented examples and unit boundaries" {
    run --separate-stderr agent bash "$CONVERT" human 1536 512 1073741824 0 1023 1024 1126 1127 1048575 1048576 1099511627775 1099511627776 5497558138880 007
    [ "$status" -eq 0 ]
    [ "$output" = "1.5K
512B
1.0G
0B
1023B
1.0K
1.0K
1.1K
1023.9K
1.0M
1023.9G
1.0T
5.0T
7B" ]
}

@test "human: invalid counts" {
    run --separate-stderr agent bash "$CONVERT" human 12 1.5 -1 1K x 3
    [ "$status" -eq 1 ]
    [ "$output" = "12B
3B" ]
    [ "$stderr" = "convert: invalid byte count: 1.5
convert: invalid byte count: -1
convert: invalid byte count: 1K
convert: invalid byte count: x" ]
}

@test "usage errors exit 64" {
    for args in "" "to-bytes" "human" "bogus 1" "bogus"; do
        # shellcheck disable=SC2086
        run --separate-stderr agent bash "$CONVERT" $args
        [ "$status" -eq 64 ]
        [ -z "$output" ]
        [ "$stderr" = "usage: convert.sh to-bytes SIZE... | convert.sh human BYTES..." ]
    done
}

@test "convert.sh works from another directory" {
    mkdir -p a/b && cd a/b
    run agent bash "$CONVERT" human 2048
    [ "$output" = "2.0K" ]
    cd "$WS"
    run agent bash ./convert.sh to-bytes 2K
    [ "$output" = "2048" ]
}

@test "the library exists and defines the two functions" {
    agent test -f "$LIB"
    run agent bash -c 'source "$1" && declare -F units_to_bytes && declare -F units_human' _ "$LIB"
    [ "$status" -eq 0 ]
}

@test "units_to_bytes: valid and invalid sizes" {
    run --separate-stderr agent bash -c 'source "$1"; units_to_bytes 1.5K; units_to_bytes 3g; units_to_bytes 0.1K' _ "$LIB"
    [ "$status" -eq 0 ]
    [ "$output" = "1536
3221225472
102" ]
    [ -z "$stderr" ]
    for bad in abc "" 1.K -1 "2 K"; do
        run --separate-stderr agent bash -c 'source "$1"; units_to_bytes "$2"' _ "$LIB" "$bad"
        echo "size '$bad': status $status"
        [ "$status" -eq 1 ]
        [ -z "$output" ]
        [ -z "$stderr" ]
    done
}

@test "units_human: valid and invalid counts" {
    run --separate-stderr agent bash -c 'source "$1"; units_human 1536; units_human 5; units_human 1099511627776' _ "$LIB"
    [ "$status" -eq 0 ]
    [ "$output" = "1.5K
5B
1.0T" ]
    for bad in x "" -5 1.0 1K; do
        run --separate-stderr agent bash -c 'source "$1"; units_human "$2"' _ "$LIB" "$bad"
        [ "$status" -eq 1 ]
        [ -z "$output" ]
        [ -z "$stderr" ]
    done
}

@test "the functions work under set -euo pipefail and in conditions" {
    run --separate-stderr agent bash -c '
        set -euo pipefail
        source "$1"
        x=$(units_to_bytes 4K)
        if units_to_bytes nope; then echo "accepted nope"; fi
        if ! units_human bad; then echo "rejected bad"; fi
        y=$(units_human "$x")
        echo "$x $y"' _ "$LIB"
    [ "$status" -eq 0 ]
    [ "$output" = "rejected bad
4096 4.0K" ]
}

@test "sourcing prints nothing, does not exit, and changes no shell option" {
    run --separate-stderr agent bash -c '
        before=$(set +o; shopt -p; printf "%q" "$IFS")
        out=$(source "$1"; echo sourced)
        [ "$out" = sourced ] || { echo "output while sourcing: $out"; exit 1; }
        source "$1"
        after=$(set +o; shopt -p; printf "%q" "$IFS")
        [ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); exit 1; }
        echo still here' _ "$LIB"
    echo "$output"; echo "$stderr"
    [ "$status" -eq 0 ]
    [ "$output" = "still here" ]
    [ -z "$stderr" ]
}

@test "sourcing under set -u works" {
    run --separate-stderr agent bash -c 'set -u; source "$1"; units_human 2048' _ "$LIB"
    [ "$status" -eq 0 ]
    [ "$output" = "2.0K" ]
}

@test "sourcing and calling define no names other than units_*" {
    run agent bash -c '
        vars_before=$(compgen -v | sort)
        funcs_before=$(compgen -A function | sort)
        source "$1"
        units_to_bytes 1.5K > /dev/null
        units_human 123456 > /dev/null
        units_to_bytes bad > /dev/null || true
        units_human bad > /dev/null || true
        new_vars=$(comm -13 <(echo "$vars_before") <(compgen -v | sort) | grep -v -e "^units_" -e "^UNITS_" -e "^vars_before$" -e "^funcs_before$" -e "^BASH_" -e "^PIPESTATUS$" -e "^_$" || true)
        new_funcs=$(comm -13 <(echo "$funcs_before") <(compgen -A function | sort) | grep -v "^units_" || true)
        echo "vars:[$new_vars] funcs:[$new_funcs]"' _ "$LIB"
    echo "$output"
    [ "$output" = "vars:[] funcs:[]" ]
}

@test "the library can be sourced from any directory" {
    mkdir elsewhere && cd elsewhere
    run agent bash -c 'source "$1"; units_to_bytes 1M' _ "$LIB"
    [ "$output" = "1048576" ]
}

@test "convert.sh does its conversions through lib/units.sh" {
    mkdir copy
    agent cp "$CONVERT" copy/convert.sh
    mkdir copy/lib
    cat > copy/lib/units.sh <<'STUB'
units_to_bytes() { [ "$1" = bad ] && return 1; echo "stub-bytes($1)"; }
units_human() { [ "$1" = bad ] && return 1; echo "stub-human($1)"; }
STUB
    cd /
    run --separate-stderr agent bash "$BATS_TEST_TMPDIR/copy/convert.sh" to-bytes 1K zzz bad
    [ "$status" -eq 1 ]
    [ "$output" = "stub-bytes(1K)
stub-bytes(zzz)" ]
    [ "$stderr" = "convert: invalid size: bad" ]
    run --separate-stderr agent bash "$BATS_TEST_TMPDIR/copy/convert.sh" human 5 bad
    [ "$status" -eq 1 ]
    [ "$output" = "stub-human(5)" ]
    [ "$stderr" = "convert: invalid byte count: bad" ]
}
