#!/usr/bin/env python3
"""cfgtool: merge layered INI and JSON configuration files and query the result.

See the task instruction for the full specification.
"""

import sys


def main(argv=None) -> int:
    print("cfgtool: not implemented yet", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
