# Reporting: group the scanned files by content and print the groups. Sourced, not run.

# group_lines: reads "SIZE<TAB>SHA256<TAB>PATH" lines sorted by hash then path, prints one line
# per group of two or more files with the same hash:
# "WASTED<TAB>SIZE<TAB>COUNT<TAB>PATHS", PATHS joined by tabs (names never hold a tab, but
# may hold any other byte but newline, 0x1f included), so that field 4 is the first path.
group_lines() {
    awk -F '\t' '
        function flush() {
            if (n > 1) printf "%d\t%d\t%d\t%s\n", size * (n - 1), size, n, paths
        }
        $2 != hash { flush(); hash = $2; size = $1; n = 0; paths = "" }
        { n++; paths = (n == 1) ? $3 : paths "\t" $3 }
        END { flush() }
    '
}

# print_group NUMBER COUNT SIZE PATHS
print_group() {
    local -a paths
    local path
    # read -a splits on IFS without expanding globs (an unquoted $4 would).
    IFS=$'\t' read -r -a paths <<< "$4"
    printf 'group %d: %d files of %d bytes\n' "$1" "$2" "$3"
    for path in "${paths[@]}"; do
        printf '  %s\n' "$path"
    done
}

# report: reads the scan listing on stdin, prints the duplicate groups (most wasted bytes
# first) and a summary line. Returns 1 when there are duplicates, 0 when there are none.
report() {
    local groups=0 redundant=0 wasted=0
    local waste size count paths
    # The loop reads from a process substitution rather than a pipe, so that it runs in
    # this shell and its counters survive it. WASTED sorts as a number.
    while IFS=$'\t' read -r waste size count paths; do
        groups=$((groups + 1))
        redundant=$((redundant + count - 1))
        wasted=$((wasted + waste))
        print_group "$groups" "$count" "$size" "$paths"
    done < <(LC_ALL=C sort -t $'\t' -k2,2 -k3,3 | group_lines | LC_ALL=C sort -t $'\t' -k1,1nr -k4,4)
    printf 'summary: %d duplicate groups, %d redundant files, %d bytes wasted\n' \
        "$groups" "$redundant" "$wasted"
    [ "$groups" -eq 0 ]
}
