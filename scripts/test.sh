#!/usr/bin/env bash
# Every check: set up, then ruff, mypy and the whole pytest suite (Docker tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
