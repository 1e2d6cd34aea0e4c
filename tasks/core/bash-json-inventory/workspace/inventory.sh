#!/usr/bin/env bash
# inventory.sh [--team NAME] FILE: per-team report of a JSON service inventory.
# TODO: implement (see the task description).
exit 1
