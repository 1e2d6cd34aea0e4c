#!/usr/bin/env bash
# logsum.sh [FILE...]: summarise web access logs. See the task description.
set -u

files=("$@")
[ "${#files[@]}" -eq 0 ] && files=(-)

for f in "${files[@]}"; do
    if [ "$f" != "-" ] && { [ ! -f "$f" ] || [ ! -r "$f" ]; }; then
        echo "logsum: cannot read $f" >&2
        exit 2
    fi
done

summary=$(
    for f in "${files[@]}"; do
        # Tag each line with its file name and line number; the name goes last so any
        # character in it survives.
        if [ "$f" = "-" ]; then
            name=- awk '{ print FNR "\t" $0 "\t" ENVIRON["name"] }'
        else
            name="$f" awk '{ print FNR "\t" $0 "\t" ENVIRON["name"] }' < "$f"
        fi
    done | LC_ALL=C awk '
        BEGIN { FS = "\t" }
        {
            lineno = $1
            name = $NF
            line = substr($0, length($1) + 2)
            line = substr(line, 1, length(line) - length(name) - 1)
            if (line ~ /^[ \t]*$/ || line ~ /^[ \t]*#/) next
            n = split(line, f, /[ \t]+/)
            # split() keeps an empty first field for leading blanks
            if (n > 0 && f[1] == "") { for (i = 1; i < n; i++) f[i] = f[i + 1]; n-- }
            if (n > 0 && f[n] == "") n--
            if (n != 7 || f[6] !~ /^[1-5][0-9][0-9]$/ || f[7] !~ /^[0-9]+$/) {
                printf "logsum: %s:%d: malformed line\n", name, lineno > "/dev/stderr"
                bad++
                next
            }
            req++
            bytes += f[7]
            cls[substr(f[6], 1, 1)]++
            paths[f[5]]++
        }
        END {
            printf "requests: %d\nbytes: %.0f\n", req, bytes
            for (k = 2; k <= 5; k++) printf "status %dxx: %d\n", k, cls[k]
            for (p in paths) printf "%d\t%s\n", paths[p], p > "/dev/stdout"
            print "MALFORMED\t" bad + 0
        }'
)
status=$?
[ "$status" -eq 0 ] || exit 3

head -n 6 <<< "$summary"
echo "top paths:"
sed -n '7,$p' <<< "$summary" | grep -v '^MALFORMED	' | LC_ALL=C sort -t "$(printf '\t')" -k1,1nr -k2 | head -n 3 |
    while IFS=$'\t' read -r count path; do printf '  %s %s\n' "$count" "$path"; done
bad=$(grep '^MALFORMED	' <<< "$summary" | cut -f2)
echo "malformed: $bad"
[ "$bad" -eq 0 ] || exit 1
exit 0
