#!/usr/bin/env bats
# Hidden tests for slugify.sh.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    SCRIPT="$BATS_TEST_DIRNAME/../slugify.sh"
    cd "$BATS_TEST_TMPDIR"
    mkdir d
}

listing() { (cd "$1" && LC_ALL=C ls -A1); }

@test "the examples from the task description" {
    touch 'd/My Holiday Photo (1).JPG' 'd/Report - Final .PDF' 'd/__init__.PY' 'd/café menü.txt'
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ -z "$stderr" ]
    [ "$output" = "renamed: My Holiday Photo (1).JPG -> my-holiday-photo-1.jpg
renamed: Report - Final .PDF -> report-final.pdf
renamed: __init__.PY -> __init__.py
renamed: café menü.txt -> caf-men.txt" ]
    [ "$(listing d)" = "__init__.py
caf-men.txt
my-holiday-photo-1.jpg
report-final.pdf" ]
}

@test "file contents are kept" {
    printf 'hello\nworld\n' > 'd/Read Me.TXT'
    run agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$(cat d/read-me.txt)" = "hello
world" ]
}

@test "names that are already fine are not touched nor printed" {
    touch d/ok.txt d/a-b_c.tar.gz d/2024.log
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [ -z "$stderr" ]
    [ "$(listing d)" = "2024.log
a-b_c.tar.gz
ok.txt" ]
}

@test "runs of odd characters become one dash; dashes at the ends and around dots go" {
    touch 'd/--Hello,   World!!--.Txt' 'd/a - . - b' 'd/x	y' 'd/Tab.	.Name' 'd/one--two' 'd/(draft) notes.md'
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: (draft) notes.md -> draft-notes.md
renamed: --Hello,   World!!--.Txt -> hello-world.txt
renamed: Tab.	.Name -> tab..name
renamed: a - . - b -> a.b
renamed: one--two -> one-two
renamed: x	y -> x-y" ]
}

@test "underscores and dots are kept, digits too" {
    touch 'd/My_File.v2.BAK' 'd/.. x ..'
    run agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: My_File.v2.BAK -> my_file.v2.bak" ]
    [ -e 'd/.. x ..' ]
}

@test "hidden files, sub-folders and their content are left alone" {
    mkdir 'd/Sub Folder'
    touch 'd/.Hidden File' 'd/Sub Folder/Inner File.TXT' 'd/Top File'
    run agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: Top File -> top-file" ]
    [ -d 'd/Sub Folder' ]
    [ -e 'd/Sub Folder/Inner File.TXT' ]
    [ -e 'd/.Hidden File' ]
}

@test "symbolic links are left alone" {
    touch 'd/Target File'
    ln -s 'Target File' 'd/Link Name'
    run agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: Target File -> target-file" ]
    [ -L 'd/Link Name' ]
}

@test "an existing file blocks a rename: skip, exit 1, others still done" {
    echo old > d/report.txt
    echo new > d/Report.TXT
    touch 'd/Zed File'
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 1 ]
    [ "$stderr" = "skip: Report.TXT -> report.txt (exists)" ]
    [ "$output" = "renamed: Zed File -> zed-file" ]
    [ "$(cat d/report.txt)" = old ]
    [ "$(cat d/Report.TXT)" = new ]
}

@test "two files with the same new name: the first in byte order wins" {
    echo 1 > 'd/A B.txt'
    echo 2 > 'd/a  b.txt'
    echo 3 > 'd/a_b.txt'
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 1 ]
    [ "$output" = "renamed: A B.txt -> a-b.txt" ]
    [ "$stderr" = "skip: a  b.txt -> a-b.txt (exists)" ]
    [ "$(cat d/a-b.txt)" = 1 ]
    [ "$(cat 'd/a  b.txt')" = 2 ]
}

@test "a folder with the new name also blocks the rename" {
    mkdir d/photos
    touch d/Photos
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 1 ]
    [ -z "$output" ]
    [ "$stderr" = "skip: Photos -> photos (exists)" ]
    [ -f d/Photos ]
}

@test "names with no usable characters are skipped" {
    touch 'd/!!!' 'd/€' 'd/ok'
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 1 ]
    [ -z "$output" ]
    [ "$stderr" = "skip: !!! (no usable name)
skip: € (no usable name)" ]
    [ -e 'd/!!!' ]
}

@test "a name of only dots after cleaning is skipped" {
    touch 'd/- . -'
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 1 ]
    [ "$stderr" = "skip: - . - (no usable name)" ]
    [ -e 'd/- . -' ]
}

@test "-n changes nothing and prints what would happen" {
    touch 'd/B File' 'd/b-file' 'd/C File' 'd/Some Thing'
    before=$(listing d)
    run --separate-stderr agent bash "$SCRIPT" -n d
    [ "$status" -eq 1 ]
    [ "$output" = "would rename: C File -> c-file
would rename: Some Thing -> some-thing" ]
    [ "$stderr" = "skip: B File -> b-file (exists)" ]
    [ "$(listing d)" = "$before" ]
}

@test "-n decides collisions as if earlier renames had happened" {
    touch 'd/X Y' 'd/x  y'
    run --separate-stderr agent bash "$SCRIPT" d -n
    [ "$status" -eq 1 ]
    [ "$output" = "would rename: X Y -> x-y" ]
    [ "$stderr" = "skip: x  y -> x-y (exists)" ]
    [ -e 'd/X Y' ]
    [ ! -e d/x-y ]
}

@test "single-letter names" {
    touch d/A d/B
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: A -> a
renamed: B -> b" ]
}

@test "a folder name with spaces, given with a trailing slash" {
    mkdir 'my uploads'
    touch 'my uploads/Big File.ZIP'
    run --separate-stderr agent bash "$SCRIPT" 'my uploads/'
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: Big File.ZIP -> big-file.zip" ]
    [ -f 'my uploads/big-file.zip' ]
}

@test "an empty folder: nothing to do" {
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [ -z "$stderr" ]
}

@test "files starting with a dash are handled" {
    touch -- d/-Rf d/--Help
    run --separate-stderr agent bash "$SCRIPT" d
    [ "$status" -eq 0 ]
    [ "$output" = "renamed: --Help -> help
renamed: -Rf -> rf" ]
    [ -e d/rf ] && [ -e d/help ]
}

@test "a missing folder: exit 2" {
    run --separate-stderr agent bash "$SCRIPT" 'no such dir'
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "slugify: not a directory: no such dir" ]
}

@test "a regular file is not a folder: exit 2" {
    touch 'Plain File'
    run --separate-stderr agent bash "$SCRIPT" 'Plain File'
    [ "$status" -eq 2 ]
    [ "$stderr" = "slugify: not a directory: Plain File" ]
    [ -e 'Plain File' ]
}

@test "usage errors exit 64 and change nothing" {
    touch 'd/Some File'
    for args in "" "-x d" "d d" "--nope d"; do
        # shellcheck disable=SC2086
        run --separate-stderr agent bash "$SCRIPT" $args
        echo "args '$args': status $status"
        [ "$status" -eq 64 ]
        [[ "$stderr" == "usage: slugify.sh"* ]]
        [ -e 'd/Some File' ]
    done
}
