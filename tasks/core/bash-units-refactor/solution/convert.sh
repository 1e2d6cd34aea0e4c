#!/usr/bin/env bash
# convert.sh: convert between byte counts and human-readable sizes.
#   convert.sh to-bytes SIZE...   1.5K -> 1536, 2M -> 2097152, 10kb -> 10240, 512B -> 512
#   convert.sh human BYTES...     1536 -> 1.5K, 512 -> 512B, 1073741824 -> 1.0G
# Units are powers of 1024. The conversions live in lib/units.sh.

# shellcheck source=lib/units.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/units.sh"

usage() {
    echo "usage: convert.sh to-bytes SIZE... | convert.sh human BYTES..." >&2
    exit 64
}

[ "$#" -ge 2 ] || usage
mode=$1
shift
case $mode in
    to-bytes) convert=units_to_bytes what="size" ;;
    human) convert=units_human what="byte count" ;;
    *) usage ;;
esac

failed=0
for arg in "$@"; do
    if ! "$convert" "$arg"; then
        echo "convert: invalid $what: $arg" >&2
        failed=1
    fi
done
exit "$failed"
