# Scanning: find the files to compare. Sourced, not run.

# scan_dirs MINSIZE DIR...
# Prints one line "SIZE<TAB>SHA256<TAB>PATH" for every regular file under the DIRs (at any
# depth) of at least MINSIZE bytes. PATH is as find(1) prints it.
scan_dirs() {
    # MINSIZE is any decimal string: drop its leading zeros, and clamp one too big for Bash's
    # 64-bit arithmetic (it would wrap around) to the largest file size, 2^63-1.
    local min=${1#"${1%%[!0]*}"}
    min=${min:-0}
    if (( ${#min} > 19 )); then
        min=9223372036854775807
    elif (( ${#min} == 19 )); then
        local head=$((10#${min:0:18})) last=${min:18}
        if (( head > 922337203685477580 || (head == 922337203685477580 && last > 7) )); then
            min=9223372036854775807
        fi
    fi
    min=$((10#$min))
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
