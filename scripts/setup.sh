#!/usr/bin/env bash
# Set up a fresh machine: a virtualenv with harness installed (.venv), a Docker engine, and the sandbox
# images (a Debian base image is bootstrapped offline when it cannot be pulled). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[dev]'
if [ "$(id -u)" = 0 ] && ! command -v chromium >/dev/null; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi  # browser test of the web report
scripts/docker-up.sh
.venv/bin/harness sandbox build
