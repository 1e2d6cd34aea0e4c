#!/usr/bin/env bash
# prune-backups.sh [-h] [-n] [-k COUNT] [-p PATTERN] [--] DIR
# Keep the COUNT newest backups (regular files matching PATTERN) in DIR and delete the others.
set -u
export LC_ALL=C

usage() {
    cat <<'USAGE'
usage: prune-backups.sh [-h] [-n] [-k COUNT] [-p PATTERN] [--] DIR
Keep the COUNT newest backups in DIR and delete the others, oldest first.
  -k COUNT    number of backups to keep (default 7)
  -p PATTERN  shell glob the backup file names match (default '*')
  -n          dry run: only report what would be deleted
  -h          show this help
USAGE
}

usage_error() {
    [ "$#" -gt 0 ] && echo "prune-backups: $*" >&2
    usage | head -n 1 >&2
    exit 64
}

keep=7
pattern='*'
dry_run=0
# First pass for -h, which wins over everything else.
for arg in "$@"; do
    [ "$arg" = "--" ] && break
    if [[ $arg == -*h* && $arg != --* ]]; then
        usage
        exit 0
    fi
done

OPTIND=1
while getopts ':hnk:p:' opt; do
    case $opt in
        h) usage; exit 0 ;;
        n) dry_run=1 ;;
        k) keep=$OPTARG ;;
        p) pattern=$OPTARG ;;
        :) usage_error "option -$OPTARG needs a value" ;;
        *) usage_error "unknown option -$OPTARG" ;;
    esac
done
shift $((OPTIND - 1))
[ "$#" -eq 1 ] || usage_error
dir=$1

if ! [[ $keep =~ ^[0-9]+$ ]]; then
    echo "prune-backups: invalid count: $keep" >&2
    exit 64
fi
keep=$((10#$keep))

if [ ! -d "$dir" ]; then
    echo "prune-backups: not a directory: $dir" >&2
    exit 2
fi

# find would take a folder named like "-name" for an expression.
case $dir in -*) dir=./$dir ;; esac

# Newest first: modification time, then name (later name = newer).
backups=()
while IFS= read -r -d '' entry; do
    name=${entry#*$'\t'}
    # shellcheck disable=SC2053  # PATTERN is a glob on purpose
    [[ $name == $pattern ]] && backups+=("$name")
done < <(find "$dir/" -mindepth 1 -maxdepth 1 -type f ! -name '.*' -printf '%T@\t%f\0' |
    sort -z -t $'\t' -k1,1nr -k2r)

total=${#backups[@]}
kept=$(( total < keep ? total : keep ))
deleted=0
failed=0
for (( i = total - 1; i >= kept; i-- )); do
    name=${backups[i]}
    if [ "$dry_run" -eq 1 ]; then
        echo "would delete $name"
        deleted=$((deleted + 1))
    elif rm -f -- "$dir/$name" 2> /dev/null && [ ! -e "$dir/$name" ]; then
        echo "deleted $name"
        deleted=$((deleted + 1))
    else
        echo "prune-backups: cannot delete $name" >&2
        failed=1
    fi
done

if [ "$dry_run" -eq 1 ]; then
    echo "kept $kept, would delete $deleted"
else
    echo "kept $kept, deleted $deleted"
fi
exit "$failed"
