# Scanning: find the files to compare. Sourced, not run.

# scan_dirs MINSIZE DIR...
# Prints one line "SIZE<TAB>SHA256<TAB>PATH" for every regular file under the DIRs (at any
# depth) of at least MINSIZE bytes. PATH is as find(1) prints it.
scan_dirs() {
    local min=$1
    shift
    local file size hash
    for file in $(find "$@" -type f | sort); do
        size=$(stat -c %s "$file")
        if [[ $size < $min ]]; then
            continue
        fi
        hash=$(sha256sum "$file" | cut -d ' ' -f 1)
        printf '%s\t%s\t%s\n' "$size" "$hash" "$file"
    done
}
