#!/usr/bin/env bats
# Hidden tests for dupfind.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    DUPFIND="$BATS_TEST_DIRNAME/../bin/dupfind"
    cd "$BATS_TEST_TMPDIR"
}

# mkf PATH SIZE CHAR: a file of SIZE bytes, all CHAR
mkf() {
    mkdir -p "$(dirname "$1")"
    head -c "$2" /dev/zero | tr '\0' "$3" > "$1"
}

@test "the README example layout: groups, order and summary" {
    mkf "media/a.jpg" 2048 a
    mkf "media/copies/a (1).jpg" 2048 a
    mkf "old/a.jpg" 2048 a
    mkf "media/n1.txt" 10 n
    mkf "old/n2.txt" 10 n
    mkf "media/unique" 10 u
    run --separate-stderr agent bash "$DUPFIND" media old
    [ "$status" -eq 1 ]
    [ -z "$stderr" ]
    [ "$output" = "group 1: 3 files of 2048 bytes
  media/a.jpg
  media/copies/a (1).jpg
  old/a.jpg
group 2: 2 files of 10 bytes
  media/n1.txt
  old/n2.txt
summary: 2 duplicate groups, 3 redundant files, 4106 bytes wasted" ]
}

@test "no duplicates: only the summary, exit 0" {
    mkf d/a 5 a; mkf d/b 5 b; mkf d/c 6 a
    run --separate-stderr agent bash "$DUPFIND" d
    [ "$status" -eq 0 ]
    [ "$output" = "summary: 0 duplicate groups, 0 redundant files, 0 bytes wasted" ]
    [ -z "$stderr" ]
}

@test "an empty folder" {
    mkdir d
    run agent bash "$DUPFIND" d
    [ "$status" -eq 0 ]
    [ "$output" = "summary: 0 duplicate groups, 0 redundant files, 0 bytes wasted" ]
}

@test "names with spaces (report 1)" {
    mkf "media/IMG 0001.jpg" 100 x
    mkf "media/IMG 0001 copy.jpg" 100 x
    mkf "media/My Album/IMG 0001.jpg" 100 x
    run --separate-stderr agent bash "$DUPFIND" media
    [ "$status" -eq 1 ]
    [ -z "$stderr" ]
    [ "$output" = "group 1: 3 files of 100 bytes
  media/IMG 0001 copy.jpg
  media/IMG 0001.jpg
  media/My Album/IMG 0001.jpg
summary: 1 duplicate groups, 2 redundant files, 200 bytes wasted" ]
}

@test "the summary and exit status count the groups (report 2)" {
    mkf d/a1 7 a; mkf d/a2 7 a
    mkf d/b1 3 b; mkf d/b2 3 b; mkf d/b3 3 b; mkf d/b4 3 b
    run agent bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ "${lines[-1]}" = "summary: 2 duplicate groups, 4 redundant files, 16 bytes wasted" ]
}

@test "-m compares sizes as numbers (report 3)" {
    mkf d/big1 2000 b; mkf d/big2 2000 b
    mkf d/small1 5 s; mkf d/small2 5 s
    mkf d/mid1 300 m; mkf d/mid2 300 m
    mkf d/under1 299 u; mkf d/under2 299 u
    run --separate-stderr agent bash "$DUPFIND" -m 300 d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 2000 bytes
  d/big1
  d/big2
group 2: 2 files of 300 bytes
  d/mid1
  d/mid2
summary: 2 duplicate groups, 2 redundant files, 2300 bytes wasted" ]
}

@test "-m 10 leaves out 9-byte files" {
    mkf d/n1 9 n; mkf d/n2 9 n; mkf d/t1 10 t; mkf d/t2 10 t
    run agent bash "$DUPFIND" -m 10 d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 10 bytes
  d/t1
  d/t2
summary: 1 duplicate groups, 1 redundant files, 10 bytes wasted" ]
}

@test "-m with leading zeros is decimal" {
    mkf d/n1 9 n; mkf d/n2 9 n
    run --separate-stderr agent bash "$DUPFIND" -m 010 d
    [ "$status" -eq 0 ]
    [ "$output" = "summary: 0 duplicate groups, 0 redundant files, 0 bytes wasted" ]
    run --separate-stderr agent bash "$DUPFIND" -m 09 d
    [ "$status" -eq 1 ]
    [ -z "$stderr" ]
}

@test "groups are ordered by wasted bytes as numbers (report 4)" {
    mkf d/w900-1 900 a; mkf d/w900-2 900 a
    mkf d/w10000-1 5000 b; mkf d/w10000-2 5000 b; mkf d/w10000-3 5000 b
    mkf d/w95-1 95 c; mkf d/w95-2 95 c
    run agent bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ "${lines[0]}" = "group 1: 3 files of 5000 bytes" ]
    [ "${lines[4]}" = "group 2: 2 files of 900 bytes" ]
    [ "${lines[7]}" = "group 3: 2 files of 95 bytes" ]
    [ "${lines[10]}" = "summary: 3 duplicate groups, 4 redundant files, 10995 bytes wasted" ]
}

@test "equal waste: ordered by first path" {
    mkf d/b1 20 x; mkf d/b2 20 x
    mkf d/a1 10 y; mkf d/a2 10 y; mkf d/z 10 y
    mkf d/c1 20 w; mkf d/c0 20 w
    run agent bash "$DUPFIND" d
    [ "$output" = "group 1: 3 files of 10 bytes
  d/a1
  d/a2
  d/z
group 2: 2 files of 20 bytes
  d/b1
  d/b2
group 3: 2 files of 20 bytes
  d/c0
  d/c1
summary: 3 duplicate groups, 4 redundant files, 60 bytes wasted" ]
}

@test "empty files are ignored by default, grouped with -m 0" {
    mkdir d; : > d/e1; : > d/e2; mkf d/x1 4 x; mkf d/x2 4 x
    run agent bash "$DUPFIND" d
    [ "$output" = "group 1: 2 files of 4 bytes
  d/x1
  d/x2
summary: 1 duplicate groups, 1 redundant files, 4 bytes wasted" ]
    run agent bash "$DUPFIND" -m 0 d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 4 bytes
  d/x1
  d/x2
group 2: 2 files of 0 bytes
  d/e1
  d/e2
summary: 2 duplicate groups, 2 redundant files, 4 bytes wasted" ]
}

@test "same size but different content is not a duplicate" {
    printf 'abc' > f1; printf 'abd' > f2; mkdir d; mv f1 f2 d/
    run agent bash "$DUPFIND" d
    [ "$status" -eq 0 ]
}

@test "glob characters in names are printed as they are" {
    mkf 'd/*' 8 g; mkf 'd/?' 8 g; mkf 'd/[ab]' 8 g; mkf d/a 8 g; mkf d/b 3 q
    run --separate-stderr agent bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 4 files of 8 bytes
  d/*
  d/?
  d/[ab]
  d/a
summary: 1 duplicate groups, 3 redundant files, 24 bytes wasted" ]
}

@test "backslashes, quotes and leading dashes in names" {
    mkf 'd/back\slash' 6 k; mkf "d/it's" 6 k; mkf 'd/-rf' 6 k; mkf 'd/say "x"' 6 k
    run --separate-stderr agent bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ -z "$stderr" ]
    [ "$output" = "group 1: 4 files of 6 bytes
  d/-rf
  d/back\\slash
  d/it's
  d/say \"x\"
summary: 1 duplicate groups, 3 redundant files, 18 bytes wasted" ]
}

@test "paths are byte-ordered within a group" {
    mkf d/b 3 z; mkf d/B 3 z; mkf d/a 3 z; mkf d/_ 3 z; mkf d/A/x 3 z
    run agent bash "$DUPFIND" d
    [ "$output" = "group 1: 5 files of 3 bytes
  d/A/x
  d/B
  d/_
  d/a
  d/b
summary: 1 duplicate groups, 4 redundant files, 12 bytes wasted" ]
}

@test "symbolic links are not followed nor counted" {
    mkf d/real 5 r; mkf d/copy 5 r
    ln -s real d/link
    mkdir other; mkf other/o 5 r; ln -s ../other d/otherlink
    run agent bash "$DUPFIND" d
    [ "$output" = "group 1: 2 files of 5 bytes
  d/copy
  d/real
summary: 1 duplicate groups, 1 redundant files, 5 bytes wasted" ]
}

@test "folder names with spaces, several folders, run from elsewhere" {
    mkf "photo archive/2023/p.raw" 50 p
    mkf "new photos/p.raw" 50 p
    mkdir -p work/here
    cd work/here
    run --separate-stderr agent bash "$DUPFIND" "../../photo archive" "../../new photos"
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 50 bytes
  ../../new photos/p.raw
  ../../photo archive/2023/p.raw
summary: 1 duplicate groups, 1 redundant files, 50 bytes wasted" ]
}

@test "run through a relative path from the workspace" {
    mkf "$BATS_TEST_TMPDIR/d/a" 4 a; mkf "$BATS_TEST_TMPDIR/d/b" 4 a
    cd "$BATS_TEST_DIRNAME/.."
    run agent bash bin/dupfind "$BATS_TEST_TMPDIR/d"
    [ "$status" -eq 1 ]
    [ "${lines[-1]}" = "summary: 1 duplicate groups, 1 redundant files, 4 bytes wasted" ]
}

@test "a missing folder: exit 2 with a message" {
    mkdir d
    run --separate-stderr agent bash "$DUPFIND" d "no such"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "dupfind: not a directory: no such" ]
}

@test "an invalid size: exit 2" {
    mkdir d
    for m in -1 abc 1.5 ''; do
        run --separate-stderr agent bash "$DUPFIND" -m "$m" d
        [ "$status" -eq 2 ]
        [ -z "$output" ]
        [[ "$stderr" == "dupfind: invalid size:"* ]]
    done
}

@test "no folder or an unknown option: usage, exit 2" {
    mkdir d
    run --separate-stderr agent bash "$DUPFIND"
    [ "$status" -eq 2 ]
    [ "$stderr" = "usage: dupfind [-m MINSIZE] DIR..." ]
    run --separate-stderr agent bash "$DUPFIND" -x d
    [ "$status" -eq 2 ]
    [ "$stderr" = "usage: dupfind [-m MINSIZE] DIR..." ]
}

# mk_locale DIR: compiles into DIR a locale "rv" (ASCII) whose collation differs from byte order:
# digits, then letters with each lowercase one just before its uppercase (a A b B ... z Z), then
# the rest in byte order, much as en_US.UTF-8 sorts.
mk_locale() {
    local dir=$1 c ch
    mkdir -p "$dir/src"
    {
        printf '<code_set_name> RVASCII\n<comment_char> %%\n<escape_char> /\nCHARMAP\n'
        for ((c = 0; c < 128; c++)); do printf '<U%04X> /x%02x\n' "$c" "$c"; done
        printf 'END CHARMAP\n'
    } > "$dir/src/rv.cm"
    {
        printf 'comment_char %%\nescape_char /\nLC_CTYPE\nEND LC_CTYPE\nLC_COLLATE\norder_start forward\n'
        for ch in {0..9}; do printf '<U%04X>\n' "'$ch"; done
        for ch in {a..z}; do printf '<U%04X>\n<U%04X>\n' "'$ch" "'${ch^}"; done
        for ((c = 0; c < 128; c++)); do
            (( (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) )) ||
                printf '<U%04X>\n' "$c"
        done
        printf 'UNDEFINED\norder_end\nEND LC_COLLATE\n'
    } > "$dir/src/rv.def"
    localedef -c -f "$dir/src/rv.cm" -i "$dir/src/rv.def" "$dir/rv" > /dev/null 2>&1 || true
    # The locale must really collate differently, or this test could not fail.
    [ "$(printf '%s\n' B a | LOCPATH=$dir LC_ALL=rv sort | head -n 1)" = a ]
}

@test "the user's locale does not change the byte order of paths or groups" {
    mk_locale "$BATS_TEST_TMPDIR/loc"
    mkf d/b 7 q; mkf d/A1 7 q; mkf d/a 7 q; mkf d/B 7 q
    mkf d/Zeta 7 r; mkf d/yak 7 r; mkf d/9x 3 s; mkf d/_u 3 s
    run --separate-stderr agent env LOCPATH="$BATS_TEST_TMPDIR/loc" LC_ALL=rv bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 4 files of 7 bytes
  d/A1
  d/B
  d/a
  d/b
group 2: 2 files of 7 bytes
  d/Zeta
  d/yak
group 3: 2 files of 3 bytes
  d/9x
  d/_u
summary: 3 duplicate groups, 5 redundant files, 31 bytes wasted" ]
}

@test "equal wastes in a collating locale: ordered by first path in byte order" {
    mk_locale "$BATS_TEST_TMPDIR/loc"
    mkf d/m1 4 a; mkf d/m2 4 a
    mkf d/M1 4 b; mkf d/M2 4 b
    mkf d/1m 4 c; mkf d/1n 4 c
    run --separate-stderr agent env LOCPATH="$BATS_TEST_TMPDIR/loc" LANG=rv bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 4 bytes
  d/1m
  d/1n
group 2: 2 files of 4 bytes
  d/M1
  d/M2
group 3: 2 files of 4 bytes
  d/m1
  d/m2
summary: 3 duplicate groups, 3 redundant files, 12 bytes wasted" ]
}

@test "names with control bytes 0x1f and 0x01" {
    mkdir d
    mkf "d/a"$'\x1f'"b" 6 u; mkf d/c 6 u
    run --separate-stderr agent bash "$DUPFIND" d
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 6 bytes
  d/a"$'\x1f'"b
  d/c
summary: 1 duplicate groups, 1 redundant files, 6 bytes wasted" ]
}

@test "equal waste: a first path that is a prefix of another sorts first" {
    mkdir e
    mkf e/x 5 k; mkf e/y 5 k
    mkf "e/x"$'\x01' 5 l; mkf "e/x"$'\x01'"z" 5 l
    mkf "e/x"$'\x1f' 5 m; mkf "e/x"$'\x1f'"z" 5 m
    run --separate-stderr agent bash "$DUPFIND" e
    [ "$status" -eq 1 ]
    [ "$output" = "group 1: 2 files of 5 bytes
  e/x
  e/y
group 2: 2 files of 5 bytes
  e/x"$'\x01'"
  e/x"$'\x01'"z
group 3: 2 files of 5 bytes
  e/x"$'\x1f'"
  e/x"$'\x1f'"z
summary: 3 duplicate groups, 3 redundant files, 15 bytes wasted" ]
}

@test "-m beyond 64 bits or with many leading zeros" {
    mkdir d; : > d/e1; : > d/e2; mkf d/x1 5 x; mkf d/x2 5 x
    for m in 18446744073709551616 9223372036854775808 9223372036854775807 99999999999999999999999 \
        9300000000000000000 00000000000000000000000000000000006; do
        run --separate-stderr agent bash "$DUPFIND" -m "$m" d
        echo "-m $m: $status $output"
        [ "$status" -eq 0 ]
        [ "$output" = "summary: 0 duplicate groups, 0 redundant files, 0 bytes wasted" ]
    done
    for m in 00000000000000000000000000000000005 0000000000000000000000000000000000000001; do
        run --separate-stderr agent bash "$DUPFIND" -m "$m" d
        echo "-m $m: $status $output"
        [ "$status" -eq 1 ]
        [ "$output" = "group 1: 2 files of 5 bytes
  d/x1
  d/x2
summary: 1 duplicate groups, 1 redundant files, 5 bytes wasted" ]
    done
}
