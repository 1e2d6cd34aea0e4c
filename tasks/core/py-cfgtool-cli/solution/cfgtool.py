#!/usr/bin/env python3
"""cfgtool: merge layered INI and JSON configuration files and query the result."""

from __future__ import annotations

import argparse
import configparser
import json
import os
import sys

PROG = "cfgtool"


class CfgError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class Config:
    """Leaf values by dotted key; setting a key removes conflicting leaves."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def set(self, key: str, value: object) -> None:
        parts = key.split(".")
        for i in range(1, len(parts)):
            self.values.pop(".".join(parts[:i]), None)
        prefix = key + "."
        for k in [k for k in self.values if k.startswith(prefix)]:
            del self.values[k]
        self.values[key] = value

    def subtree(self, key: str) -> dict[str, object]:
        prefix = key + "."
        return {k[len(prefix) :]: v for k, v in self.values.items() if k.startswith(prefix)}


def nest(flat: dict[str, object]) -> dict:
    root: dict = {}
    for key in sorted(flat):
        node = root
        parts = key.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = flat[key]
    return root


def _flatten(obj: dict, prefix: str, out: list[tuple[str, object]]) -> None:
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            _flatten(v, key + ".", out)
        else:
            out.append((key, v))


def read_layer(path: str) -> list[tuple[str, object]]:
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".json", ".ini", ".cfg", ".conf"):
        raise CfgError(f"{path}: unsupported file type (use .json, .ini, .cfg or .conf)", 2)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        raise CfgError(f"{path}: no such file", 2) from None
    except (OSError, UnicodeDecodeError) as e:
        raise CfgError(f"{path}: cannot read: {e}", 2) from None
    out: list[tuple[str, object]] = []
    if ext == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise CfgError(f"{path}: invalid JSON: {e}", 2) from None
        if not isinstance(data, dict):
            raise CfgError(f"{path}: the top level must be a JSON object", 2)
        _flatten(data, "", out)
    else:
        parser = configparser.ConfigParser(interpolation=None, default_section="\0none")
        parser.optionxform = str  # keys are case-sensitive
        try:
            parser.read_string(text, source=path)
        except configparser.Error as e:
            raise CfgError(f"{path}: invalid INI: {e}", 2) from None
        for section in parser.sections():
            for key, value in parser.items(section):
                out.append((f"{section}.{key}", value))
    return out


def parse_set(text: str) -> tuple[str, object]:
    key, eq, raw = text.partition("=")
    if not eq or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key, value


def render_value(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def dump_ini(cfg: Config) -> str:
    sections: dict[str, list[tuple[str, object]]] = {}
    for key in sorted(cfg.values):
        if "." not in key:
            raise CfgError(f"cannot write top-level key {key!r} as INI", 1)
        section, _, name = key.rpartition(".")
        sections.setdefault(section, []).append((name, cfg.values[key]))
    blocks = []
    for section in sorted(sections):
        lines = [f"[{section}]"]
        lines += [f"{name} = {render_value(v)}" for name, v in sections[section]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description=__doc__)
    p.add_argument("-f", "--file", action="append", default=[], metavar="FILE")
    p.add_argument("-s", "--set", action="append", default=[], type=parse_set, metavar="KEY=VALUE")
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("get")
    g.add_argument("key")
    d = sub.add_parser("dump")
    d.add_argument("--format", choices=["json", "ini"], default="json")
    k = sub.add_parser("keys")
    k.add_argument("prefix", nargs="?")
    return p


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    cfg = Config()
    for path in args.file:
        for key, value in read_layer(path):
            cfg.set(key, value)
    for key, value in args.set:
        cfg.set(key, value)

    if args.command == "get":
        if args.key in cfg.values:
            print(render_value(cfg.values[args.key]))
            return 0
        sub = cfg.subtree(args.key)
        if sub:
            print(json.dumps(nest(sub), indent=2, sort_keys=True))
            return 0
        raise CfgError(f"key not found: {args.key}", 1)
    if args.command == "dump":
        if args.format == "json":
            print(json.dumps(nest(cfg.values), indent=2, sort_keys=True))
        else:
            text = dump_ini(cfg)
            if text:
                print(text)
        return 0
    keys = sorted(cfg.values)
    if args.prefix is not None:
        keys = [k for k in keys if k == args.prefix or k.startswith(args.prefix + ".")]
    for k in keys:
        print(k)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except CfgError as e:
        message = " ".join(line.strip() for line in str(e).splitlines())
        print(f"{PROG}: {message}", file=sys.stderr)
        return e.code


if __name__ == "__main__":
    sys.exit(main())
