"""Command-line interface: ``python3 -m tinylsm DIR COMMAND [ARGS]`` (SPEC.md, "Command line")."""

from __future__ import annotations

import argparse
import json
import sys

from .db import DB
from .errors import TinyLSMError
from .sstable import table_path
from .tools import dump_table, verify


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"tinylsm: error: {message}\n")
        raise SystemExit(2)


def _text(b: bytes) -> str:
    return b.decode("utf-8", errors="backslashreplace")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tinylsm", description="a tiny log-structured key-value store")
    p.add_argument("dir")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    put = sub.add_parser("put")
    put.add_argument("key")
    put.add_argument("value")
    get = sub.add_parser("get")
    get.add_argument("key")
    dele = sub.add_parser("delete")
    dele.add_argument("key")
    scan = sub.add_parser("scan")
    scan.add_argument("--start")
    scan.add_argument("--end")
    scan.add_argument("--limit", type=int)
    sub.add_parser("flush")
    sub.add_parser("compact")
    sub.add_parser("stats")
    sub.add_parser("check")
    dump = sub.add_parser("dump")
    dump.add_argument("table_id", type=int)
    return p


def run_offline(args: argparse.Namespace) -> int:
    if args.command == "check":
        problems = verify(args.dir)
        for line in problems:
            sys.stdout.write(line + "\n")
        if problems:
            return 1
        sys.stdout.write("ok\n")
        return 0
    for key, seq, kind, value in dump_table(table_path(args.dir, args.table_id)):
        line = f"{seq}\t{kind}\t{_text(key)}"
        if value is not None:
            line += f"\t{_text(value)}"
        sys.stdout.write(line + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.command in ("check", "dump"):
        return run_offline(args)
    with DB(args.dir) as db:
        if args.command == "put":
            db.put(args.key.encode(), args.value.encode())
        elif args.command == "get":
            value = db.get(args.key.encode())
            if value is None:
                sys.stderr.write(f"tinylsm: not found: {args.key}\n")
                return 1
            sys.stdout.write(_text(value) + "\n")
        elif args.command == "delete":
            db.delete(args.key.encode())
        elif args.command == "scan":
            if args.limit is not None and args.limit < 0:
                sys.stderr.write("tinylsm: error: --limit must not be negative\n")
                return 2
            start = None if args.start is None else args.start.encode()
            end = None if args.end is None else args.end.encode()
            rows = db.scan(start, end)
            if args.limit is not None:
                rows = rows[: args.limit]
            for key, value in rows:
                sys.stdout.write(f"{_text(key)}\t{_text(value)}\n")
        elif args.command == "flush":
            db.flush()
        elif args.command == "compact":
            db.compact()
        elif args.command == "stats":
            sys.stdout.write(json.dumps(db.stats(), sort_keys=True) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except (TinyLSMError, ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"tinylsm: error: {exc}\n")
        return 2
