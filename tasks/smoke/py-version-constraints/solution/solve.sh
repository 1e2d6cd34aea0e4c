#!/usr/bin/env bash
# Reference solution, run by the oracle with bash in /workspace inside the agent sandbox; the rest of
# solution/ is at $SOLUTION_DIR. (The other smoke tasks use plain overlay files; this one exercises
# the solve.sh path.)
set -euo pipefail
cp "$SOLUTION_DIR/versions.py" versions.py
