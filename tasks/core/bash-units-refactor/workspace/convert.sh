#!/usr/bin/env bash
# convert.sh: convert between byte counts and human-readable sizes.
#   convert.sh to-bytes SIZE...   1.5K -> 1536, 2M -> 2097152, 10kb -> 10240, 512B -> 512
#   convert.sh human BYTES...     1536 -> 1.5K, 512 -> 512B, 1073741824 -> 1.0G
# Units are powers of 1024. See README.md.

if [ $# -lt 2 ]; then
    echo "usage: convert.sh to-bytes SIZE... | convert.sh human BYTES..." >&2
    exit 64
fi
mode=$1
shift
failed=0
if [ "$mode" = "to-bytes" ]; then
    for arg in "$@"; do
        s=$(echo "$arg" | tr 'a-z' 'A-Z')
        s=${s%B}
        mult=1
        case $s in
            *K) mult=1024; s=${s%K} ;;
            *M) mult=1048576; s=${s%M} ;;
            *G) mult=1073741824; s=${s%G} ;;
            *T) mult=1099511627776; s=${s%T} ;;
        esac
        if [[ $s =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
            echo "$s $mult" | awk '{ printf "%d\n", $1 * $2 }'
        else
            echo "convert: invalid size: $arg" >&2
            failed=1
        fi
    done
elif [ "$mode" = "human" ]; then
    for arg in "$@"; do
        if ! [[ $arg =~ ^[0-9]+$ ]]; then
            echo "convert: invalid byte count: $arg" >&2
            failed=1
            continue
        fi
        n=$((10#$arg))
        if [ $n -ge 1099511627776 ]; then
            t=$((n * 10 / 1099511627776)); echo "${t%?}.${t: -1}T"
        elif [ $n -ge 1073741824 ]; then
            t=$((n * 10 / 1073741824)); echo "${t%?}.${t: -1}G"
        elif [ $n -ge 1048576 ]; then
            t=$((n * 10 / 1048576)); echo "${t%?}.${t: -1}M"
        elif [ $n -ge 1024 ]; then
            t=$((n * 10 / 1024)); echo "${t%?}.${t: -1}K"
        else
            echo "${n}B"
        fi
    done
else
    echo "usage: convert.sh to-bytes SIZE... | convert.sh human BYTES..." >&2
    exit 64
fi
exit $failed
