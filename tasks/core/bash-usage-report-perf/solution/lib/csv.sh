# Reading the usage log. Sourced, not run.

# normalize: reads the log on stdin and prints its valid records, one per line, as
# "TIMESTAMP,CUSTOMER,ENDPOINT,STATUS,DURATION_MS". Drops the header (line 1), carriage
# returns and empty lines; reports each invalid record on stderr and drops it.
# One awk process for the whole file (the old per-line `echo | cut` pipelines forked
# several processes per record).
normalize() {
    LC_ALL=C awk -F , '
        { gsub(/\r/, "") }
        NR == 1 || $0 == "" { next }
        NF != 5 || $2 !~ /^[A-Za-z0-9_-]+$/ || $3 == "" || $4 !~ /^[0-9][0-9][0-9]$/ || $5 !~ /^[0-9]+$/ {
            printf "usage-report: line %d: invalid record\n", NR > "/dev/stderr"
            next
        }
        { print }
    '
}
