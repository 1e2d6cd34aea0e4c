"""``python3 -m minidiff diff OLD NEW [-U N]`` and ``python3 -m minidiff apply FILE PATCH``."""

from __future__ import annotations

import argparse
import sys

from .apply import apply_patch
from .errors import DiffError
from .unified import unified_diff


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        sys.stderr.write(f"minidiff: error: {message}\n")
        raise SystemExit(2)


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def main(argv: list[str] | None = None) -> int:
    p = _Parser(prog="minidiff")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    d = sub.add_parser("diff")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("-U", "--unified", type=int, default=3, dest="context")
    a = sub.add_parser("apply")
    a.add_argument("file")
    a.add_argument("patch")
    a.add_argument("-o", "--output")
    args = p.parse_args(argv)
    try:
        if args.command == "diff":
            if args.context < 0:
                raise ValueError("context must not be negative")
            out = unified_diff(_read(args.old), _read(args.new), args.old, args.new, args.context)
            sys.stdout.write(out)
            return 1 if out else 0
        result = apply_patch(_read(args.file), _read(args.patch))
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
                f.write(result)
        else:
            sys.stdout.write(result)
        return 0
    except (DiffError, OSError, ValueError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"minidiff: error: {exc}\n")
        return 2
