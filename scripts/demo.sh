#!/usr/bin/env bash
# The main job: set up, then run the smoke suite with the oracle agent (no API key needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/harness run smoke --agent oracle "$@"
