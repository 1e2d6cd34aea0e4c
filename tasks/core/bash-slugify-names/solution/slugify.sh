#!/usr/bin/env bash
# slugify.sh [-n] DIR: rename the files of DIR to URL-safe names (see the task description).
set -u
export LC_ALL=C

usage() {
    echo "usage: slugify.sh [-n] DIR" >&2
    exit 64
}

dry_run=0
dir=""
have_dir=0
for arg in "$@"; do
    case $arg in
        -n) dry_run=1 ;;
        -*) usage ;;
        *)
            [ "$have_dir" -eq 0 ] || usage
            dir=$arg
            have_dir=1
            ;;
    esac
done
[ "$have_dir" -eq 1 ] || usage

if [ ! -d "$dir" ]; then
    echo "slugify: not a directory: $dir" >&2
    exit 2
fi

slug() {
    printf '%s' "$1" | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9._]+/-/g; s/^-+//; s/-+$//; s/-*\.-*/./g'
}

declare -A taken=()   # names created or freed by earlier (planned) renames: 1 taken, 0 free
exists() {
    local name=$1
    if [ -n "${taken[$name]+x}" ]; then
        [ "${taken[$name]}" -eq 1 ]
    else
        [ -e "$dir/$name" ] || [ -L "$dir/$name" ]
    fi
}

skipped=0
while IFS= read -r -d '' path; do
    old=${path##*/}
    [ -f "$path" ] && [ ! -L "$path" ] || continue
    new=$(slug "$old")
    [ "$new" = "$old" ] && continue
    if [ -z "${new//./}" ]; then
        echo "skip: $old (no usable name)" >&2
        skipped=1
        continue
    fi
    if exists "$new"; then
        echo "skip: $old -> $new (exists)" >&2
        skipped=1
        continue
    fi
    if [ "$dry_run" -eq 1 ]; then
        echo "would rename: $old -> $new"
    else
        mv -n -- "$path" "$dir/$new" || { skipped=1; continue; }
        echo "renamed: $old -> $new"
    fi
    taken[$new]=1
    taken[$old]=0
done < <(find "$dir" -mindepth 1 -maxdepth 1 ! -name '.*' -print0 | sort -z)

exit "$skipped"
