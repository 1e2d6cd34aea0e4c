#!/usr/bin/env python3
"""pysort: a clone of GNU sort (coreutils 9.1) in the C locale, for the options in SPEC.md."""

import os
import re
import sys
from decimal import Decimal

PROG = "pysort"
SIZE_MAX = 2**64 - 1
VALID_OPTS = set("bcCdfghik:mMno:rRsS:T:uVy:zt:".replace(":", ""))
ARG_OPTS = set("kotST y".replace(" ", ""))
ORDER_FLAGS = "bdfinr"

BLANKS = b" \t\n"
SKIP_BLANKS = re.compile(rb"[ \t\n]*")
FIELD = re.compile(rb"[ \t\n]*[^ \t\n]*")
NUM = re.compile(rb"[ \t\n]*(-?)([0-9]*)(?:\.([0-9]*))?")

UPPER = bytes(range(256)).translate(
    bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
)
IDENT = bytes(range(256))
ALNUM = set(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
NONDICT = bytes(c for c in range(256) if c not in ALNUM and c not in BLANKS)
NONPRINT = bytes(c for c in range(256) if not (0x20 <= c <= 0x7E))


class Die(Exception):
    def __init__(self, msg, usage=False):
        super().__init__(msg)
        self.msg = msg
        self.usage = usage


def q(s):
    return "'" + s + "'"


class Key:
    def __init__(self):
        self.sword = 0
        self.schar = 0
        self.eword = None  # None: end of line
        self.echar = 0
        self.skipsblanks = False
        self.skipeblanks = False
        self.ignore = None  # "d" or "i"
        self.translate = False
        self.numeric = False
        self.reverse = False

    def default_compare(self):
        return not (self.ignore or self.translate or self.skipsblanks or self.skipeblanks or self.numeric)


def set_ordering(s, key, where):
    i = 0
    while i < len(s):
        c = s[i]
        if c == "b":
            if where in ("start", "both"):
                key.skipsblanks = True
            if where in ("end", "both"):
                key.skipeblanks = True
        elif c == "d":
            key.ignore = "d"
        elif c == "f":
            key.translate = True
        elif c == "i":
            if not key.ignore:
                key.ignore = "i"
        elif c == "n":
            key.numeric = True
        elif c == "r":
            key.reverse = True
        else:
            return s[i:]
        i += 1
    return ""


def parse_count(s, msg):
    """Mimic xstrtoumax: returns (value, rest)."""
    i = 0
    while i < len(s) and s[i] in " \t\n\v\f\r":
        i += 1
    if i < len(s) and s[i] == "-":
        raise Die(f"{msg}: invalid count at start of {q(s)}")
    if i < len(s) and s[i] == "+":
        i += 1
    j = i
    while j < len(s) and "0" <= s[j] <= "9":
        j += 1
    if j == i:
        raise Die(f"{msg}: invalid count at start of {q(s)}")
    n = int(s[i:j])
    if n > SIZE_MAX:
        n = SIZE_MAX
    return n, s[j:]


def badfieldspec(spec, msg):
    raise Die(f"{msg}: invalid field specification {q(spec)}")


def parse_key(spec):
    key = Key()
    n, s = parse_count(spec, "invalid number at field start")
    if n == 0:
        badfieldspec(spec, "field number is zero")
    key.sword = n - 1
    if s.startswith("."):
        n, s = parse_count(s[1:], "invalid number after '.'")
        if n == 0:
            badfieldspec(spec, "character offset is zero")
        key.schar = n - 1
    s = set_ordering(s, key, "start")
    if not s.startswith(","):
        key.eword = None
        key.echar = 0
    else:
        n, s = parse_count(s[1:], "invalid number after ','")
        if n == 0:
            badfieldspec(spec, "field number is zero")
        key.eword = n - 1
        if s.startswith("."):
            n, s = parse_count(s[1:], "invalid number after '.'")
            key.echar = n
        s = set_ordering(s, key, "end")
    if s:
        badfieldspec(spec, "stray character in field spec")
    return key


def parse_args(argv):
    opts = {"check": None, "output": None, "tab": None, "unique": False, "stable": False, "zero": False}
    gkey = Key()
    keys = []
    files = []
    i = 0
    only_operands = False
    while i < len(argv):
        a = argv[i]
        i += 1
        if only_operands or a == "-" or not a.startswith("-"):
            files.append(a)
            continue
        if a == "--":
            only_operands = True
            continue
        if a.startswith("--"):
            raise Die(f"unrecognized option {q(a)}", usage=True)
        j = 1
        while j < len(a):
            c = a[j]
            j += 1
            if c not in VALID_OPTS:
                raise Die(f"invalid option -- {q(c)}", usage=True)
            arg = None
            if c in ARG_OPTS:
                if j < len(a):
                    arg = a[j:]
                elif i < len(argv):
                    arg = argv[i]
                    i += 1
                else:
                    raise Die(f"option requires an argument -- {q(c)}", usage=True)
                j = len(a)
            if c in ORDER_FLAGS:
                set_ordering(c, gkey, "both")
            elif c in "cC":
                if opts["check"] and opts["check"] != c:
                    raise Die("options '-cC' are incompatible")
                opts["check"] = c
            elif c == "k":
                keys.append(parse_key(arg))
            elif c == "o":
                if opts["output"] is not None and opts["output"] != arg:
                    raise Die("multiple output files specified")
                opts["output"] = arg
            elif c == "s":
                opts["stable"] = True
            elif c == "t":
                if arg == "":
                    raise Die("empty tab")
                t = os.fsencode(arg)
                if len(t) > 1:
                    if t == b"\\0":
                        t = b"\0"
                    else:
                        raise Die(f"multi-character tab {q(arg)}")
                if opts["tab"] is not None and opts["tab"] != t:
                    raise Die("incompatible tabs")
                opts["tab"] = t
            elif c == "u":
                opts["unique"] = True
            elif c == "z":
                opts["zero"] = True
            # other GNU options are accepted and ignored (out of scope)
    for key in keys:
        if key.default_compare() and not key.reverse:
            key.ignore = gkey.ignore
            key.translate = gkey.translate
            key.skipsblanks = gkey.skipsblanks
            key.skipeblanks = gkey.skipeblanks
            key.numeric = gkey.numeric
            key.reverse = gkey.reverse
    if not keys and not gkey.default_compare():
        keys.append(gkey)
    for key in keys:
        if key.numeric and key.ignore:
            flags = ""
            if key.ignore == "d":
                flags += "d"
            if key.translate:
                flags += "f"
            if key.ignore == "i":
                flags += "i"
            flags += "n"
            raise Die(f"options '-{flags}' are incompatible")
    return opts, gkey, keys, files


def skip_blanks(line, ptr, lim):
    while ptr < lim and line[ptr] in BLANKS:
        ptr += 1
    return ptr


def begfield(line, key, tab):
    ptr = 0
    lim = len(line)
    sword = key.sword
    if tab is not None:
        while ptr < lim and sword > 0:
            sword -= 1
            k = line.find(tab, ptr)
            ptr = lim if k < 0 else k + 1
    else:
        while ptr < lim and sword > 0:
            sword -= 1
            ptr = FIELD.match(line, ptr).end()
    if key.skipsblanks:
        ptr = SKIP_BLANKS.match(line, ptr).end()
    return min(lim, ptr + key.schar)


def limfield(line, key, tab):
    ptr = 0
    lim = len(line)
    eword = key.eword
    echar = key.echar
    if echar == 0:
        eword += 1
    if tab is not None:
        while ptr < lim and eword > 0:
            eword -= 1
            k = line.find(tab, ptr)
            ptr = lim if k < 0 else k
            if ptr < lim and (eword or echar):
                ptr += 1
    else:
        while ptr < lim and eword > 0:
            eword -= 1
            ptr = FIELD.match(line, ptr).end()
    if echar != 0:
        if key.skipeblanks:
            ptr = SKIP_BLANKS.match(line, ptr).end()
        ptr = min(lim, ptr + echar)
    return ptr


def numvalue(text):
    m = NUM.match(text)
    sign, ip, fp = m.group(1), m.group(2), m.group(3) or b""
    if not ip and not fp:
        return Decimal(0)
    return Decimal((sign + (ip or b"0") + b"." + (fp or b"0")).decode("ascii"))


class Rev:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return other.v < self.v

    def __gt__(self, other):
        return self.v < other.v

    def __eq__(self, other):
        return self.v == other.v


def make_keyfunc(keys, tab, last_resort, global_reverse):
    specs = []
    for key in keys:
        delete = b""
        if key.ignore == "d":
            delete = NONDICT
        elif key.ignore == "i":
            delete = NONPRINT
        table = UPPER if key.translate else None
        specs.append((key, delete, table))
    revs = [k.reverse for k in keys]
    if last_resort:
        revs.append(global_reverse)
    all_rev = bool(revs) and all(revs)
    wrap = [r and not all_rev for r in revs]

    def keyfunc(line):
        out = []
        for idx, (key, delete, table) in enumerate(specs):
            beg = begfield(line, key, tab)
            lim = len(line) if key.eword is None else limfield(line, key, tab)
            if lim < beg:
                lim = beg
            text = line[beg:lim]
            if key.numeric:
                v = numvalue(text)
            elif delete or table is not None:
                v = text.translate(table if table is not None else IDENT, delete)
            else:
                v = text
            out.append(Rev(v) if wrap[idx] else v)
        if last_resort:
            out.append(Rev(line) if wrap[-1] else line)
        return tuple(out)

    return keyfunc, all_rev, len(specs)


def read_input(name, eol):
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(name, "rb") as f:
            data = f.read()
    if not data:
        return []
    lines = data.split(eol)
    if data.endswith(eol):
        lines.pop()
    return lines


def oserror_text(e):
    return e.strerror or str(e)


def main(argv):
    try:
        opts, gkey, keys, files = parse_args(argv)
        if not files:
            files = ["-"]
        eol = b"\0" if opts["zero"] else b"\n"
        tab = opts["tab"]
        unique = opts["unique"]
        last_resort = not keys or not (opts["stable"] or unique)
        keyfunc, all_rev, nkeys = make_keyfunc(keys, tab, last_resort, gkey.reverse)

        if opts["check"]:
            if len(files) > 1:
                raise Die("extra operand {} not allowed with -{}".format(q(files[1]), opts["check"]))
            if opts["output"] is not None:
                raise Die("options '-{}o' are incompatible".format(opts["check"]))
            try:
                lines = read_input(files[0], eol)
            except OSError as e:
                raise Die(f"open failed: {files[0]}: {oserror_text(e)}") from None
            prev = None
            for n, line in enumerate(lines, 1):
                k = keyfunc(line)
                if prev is not None:
                    a, b = (k, prev) if all_rev else (prev, k)
                    bad = b < a if not unique else not (a < b)
                    if bad:
                        if opts["check"] == "c":
                            sys.stdout.flush()
                            err = sys.stderr.buffer
                            err.write(f"{PROG}: {files[0]}:{n}: disorder: ".encode())
                            err.write(line + eol)
                            err.flush()
                        return 1
                prev = k
            return 0

        for name in files:
            if name != "-":
                try:
                    with open(name, "rb"):
                        pass
                except OSError as e:
                    raise Die(f"cannot read: {name}: {oserror_text(e)}") from None
        lines = []
        for name in files:
            try:
                lines.extend(read_input(name, eol))
            except OSError as e:
                raise Die(f"read failed: {name}: {oserror_text(e)}") from None

        if not keys and not unique:
            lines.sort(reverse=gkey.reverse)
            result = lines
        else:
            decorated = [(keyfunc(line), line) for line in lines]
            decorated.sort(key=lambda p: p[0], reverse=all_rev)
            if unique:
                result = []
                prevk = None
                for k, line in decorated:
                    kk = k[:nkeys] if keys else k
                    if prevk is None or kk != prevk:
                        result.append(line)
                        prevk = kk
            else:
                result = [line for _, line in decorated]
        data = b"".join(line + eol for line in result)
        if opts["output"] is not None:
            try:
                with open(opts["output"], "wb") as f:
                    f.write(data)
            except OSError as e:
                raise Die("open failed: {}: {}".format(opts["output"], oserror_text(e))) from None
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        return 0
    except Die as d:
        sys.stderr.write(f"{PROG}: {d.msg}\n")
        if d.usage:
            sys.stderr.write(f"Try '{PROG} --help' for more information.\n")
        return 2


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:]]))
