#!/usr/bin/env python3
"""pysort: a clone of GNU sort (coreutils 9.1) in the C locale. See SPEC.md for the contract."""

import sys

PROG = "pysort"


def main(argv: list[str]) -> int:
    # TODO: parse the options of SPEC.md section 2 (GNU getopt style: bundled short options,
    # option arguments attached or separate, options after operands, `--`).
    files = [a for a in argv if not a.startswith("-") or a == "-"] or ["-"]
    lines: list[bytes] = []
    for name in files:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as f:
                data = f.read()
        lines.extend(data.splitlines())
    # TODO: keys, ordering options, -u, -s, -c/-C, -o, -z, error messages.
    lines.sort()
    sys.stdout.buffer.write(b"".join(line + b"\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
