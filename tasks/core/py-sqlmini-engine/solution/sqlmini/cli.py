"""Command line: ``python3 -m sqlmini [-d DIR] [QUERY]`` (SPEC.md section 11)."""

import sys

from . import Database
from .errors import SQLError
from .formatter import format_result

USAGE = "usage: sqlmini [-d DIR] [QUERY]"


def main(argv=None, stdin=None, stdout=None, stderr=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    data_dir = "."
    query = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-d", "--data"):
            if i + 1 >= len(argv):
                print(f"sqlmini: option {arg} needs a value", file=stderr)
                print(USAGE, file=stderr)
                return 2
            data_dir = argv[i + 1]
            i += 2
            continue
        if arg in ("-h", "--help"):
            print(USAGE, file=stdout)
            return 0
        if arg.startswith("-") and arg != "-":
            print(f"sqlmini: unknown option {arg}", file=stderr)
            print(USAGE, file=stderr)
            return 2
        if query is not None:
            print("sqlmini: too many arguments", file=stderr)
            print(USAGE, file=stderr)
            return 2
        query = arg
        i += 1
    if query is None or query == "-":
        query = stdin.read()
    db = Database()
    try:
        db.load_dir(data_dir)
        result = db.execute(query)
    except SQLError as exc:
        print(f"sqlmini: error: {exc}", file=stderr)
        return 1
    stdout.write(format_result(result))
    return 0
