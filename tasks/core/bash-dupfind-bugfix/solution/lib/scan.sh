# Scanning: find the files to compare. Sourced, not run.

# scan_dirs MINSIZE DIR...
# Prints one line "SIZE<TAB>SHA256<TAB>PATH" for every regular file under the DIRs (at any
# depth) of at least MINSIZE bytes. PATH is as find(1) prints it.
scan_dirs() {
    local min=$((10#$1))
    shift
    local file size hash
    # NUL-separated, so that names with spaces, quotes or glob characters stay whole.
    while IFS= read -r -d '' file; do
        size=$(stat -c %s -- "$file")
        if (( size < min )); then
            continue
        fi
        # Read the content from stdin: for a name with a backslash, sha256sum would print
        # the hash with a leading "\" escape.
        hash=$(sha256sum < "$file" | cut -d ' ' -f 1)
        printf '%s\t%s\t%s\n' "$size" "$hash" "$file"
    done < <(find "$@" -type f -print0 | LC_ALL=C sort -z)
}
