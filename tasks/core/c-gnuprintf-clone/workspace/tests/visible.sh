#!/bin/sh
# Visible tests: a few cases with the expected output captured from the real printf
# (LC_ALL=C /usr/bin/printf). The hidden tests compare against the real printf directly, on
# thousands of generated cases (see SPEC.md); tests/compare.sh does the same for any ARGS.
cd "$(dirname "$0")/.." || exit 2
P=./cprintf
fail=0 n=0
check() { # check WANT_STDOUT WANT_STATUS ARGS...
    want=$1 wst=$2; shift 2
    n=$((n + 1))
    got=$(LC_ALL=C "$P" "$@" 2>/dev/null; echo "~$?")
    if [ "$got" != "$want~$wst" ]; then
        fail=$((fail + 1)); echo "FAIL: cprintf $*"; echo "  want: $want~$wst"; echo "  got:  $got"
    fi
}
check 'hello' 0 'hello'
check '42|  7|x   |' 0 '%d|%3i|%-4s|' 42 7 x
check '[1][2][3][]' 0 '[%s]' 1 2 3 ''
check '0x1f 017 3.14 1.000000e+03' 0 '%#x %#o %.2f %e' 31 15 3.14159 1000
check 'A' 0 '\101'
check '97 66' 0 '%d %d' "'a" '"B'
check '12 0' 1 '%d %d' 12abc xyz
check 'a' 0 '%b' 'a\cb'
check 'ff FF 377' 0 '%x %X %o' 255 255 255
check '' 1 '%z'
echo "$((n - fail))/$n visible cases passed"
[ "$fail" -eq 0 ]
