"""Visible tests: a few cases whose expected output was captured from the real GNU sort
(LC_ALL=C sort ARGS, with "sort: " in stderr written as "pysort: "). The hidden tests compare
against the real sort directly, on many more cases (see SPEC.md)."""

import subprocess
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "pysort.py"

# (name, args, stdin, expected stdout, expected stderr, expected exit status)
CASES = [
    ("plain_lines", [], b"pear\nApple\nbanana\n\napple\n", b"\nApple\napple\nbanana\npear\n", b"", 0),
    (
        "numeric_key",
        ["-t:", "-k2,2n"],
        b"a:10\nb:9\nc:-1.5\nd:\ne:9\n",
        b"c:-1.5\nd:\nb:9\ne:9\na:10\n",
        b"",
        0,
    ),
    ("reverse_unique", ["-ru"], b"b\na\nb\nc\n", b"c\nb\na\n", b"", 0),
    ("fold_and_stable", ["-f", "-s", "-k1,1"], b"b 1\nB 2\na 3\nA 4\n", b"a 3\nA 4\nb 1\nB 2\n", b"", 0),
    ("blank_fields", ["-k2"], b"x  b\ny a\nz\tc\n", b"z\tc\nx  b\ny a\n", b"", 0),
    ("check_disorder", ["-c"], b"a\nc\nb\n", b"", b"pysort: -:3: disorder: b\n", 1),
    ("zero_terminated", ["-z"], b"b\x00a\nz\x00a", b"a\x00a\nz\x00b\x00", b"", 0),
    ("bad_key", ["-k0"], b"", b"", b"pysort: field number is zero: invalid field specification '0'\n", 2),
    (
        "invalid_option",
        ["-x"],
        b"",
        b"",
        b"pysort: invalid option -- 'x'\nTry 'pysort --help' for more information.\n",
        2,
    ),
]


@pytest.mark.parametrize("name,args,stdin,out,err,code", CASES, ids=[c[0] for c in CASES])
def test_captured(name, args, stdin, out, err, code):
    proc = subprocess.run(
        [sys.executable, str(TOOL), *args],
        input=stdin,
        capture_output=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        timeout=60,
    )
    assert (proc.stdout, proc.stderr, proc.returncode) == (out, err, code)
