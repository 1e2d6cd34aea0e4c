#!/bin/sh
# tests/compare.sh ARGS...: run ./cprintf ARGS and the real printf ARGS (both with LC_ALL=C) and show
# any difference in stdout, stderr (printf: renamed to cprintf:) or exit status, as the hidden tests do.
cd "$(dirname "$0")/.." || exit 2
d=$(mktemp -d) || exit 2
LC_ALL=C env printf "$@" >"$d/o1" 2>"$d/e1"; s1=$?
LC_ALL=C ./cprintf "$@" >"$d/o2" 2>"$d/e2"; s2=$?
sed -e 's/^printf: /cprintf: /' -e "s/^Try 'printf --help'/Try 'cprintf --help'/" "$d/e1" >"$d/e1r"
rc=0
cmp -s "$d/o1" "$d/o2" || { echo "stdout differs:"; od -c "$d/o1" | head; echo "---"; od -c "$d/o2" | head; rc=1; }
cmp -s "$d/e1r" "$d/e2" || { echo "stderr differs:"; cat "$d/e1r"; echo "---"; cat "$d/e2"; rc=1; }
[ "$s1" = "$s2" ] || { echo "exit status differs: want $s1, got $s2"; rc=1; }
rm -rf "$d"
[ "$rc" = 0 ] && echo same
exit "$rc"
