#!/usr/bin/env bash
if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo 'Usage: leap.sh <year>'
  exit 1
fi
y=$1
if (( y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) )); then echo true; else echo false; fi
