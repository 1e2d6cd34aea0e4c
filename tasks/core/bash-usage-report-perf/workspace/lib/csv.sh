# Reading the usage log. Sourced, not run.

# field RECORD N: the Nth comma-separated field of RECORD.
field() {
    echo "$1" | cut -d , -f "$2"
}

# field_count RECORD: how many comma-separated fields RECORD has.
field_count() {
    echo "$1" | awk -F , '{ print NF }'
}

# normalize: reads the log on stdin and prints its valid records, one per line, as
# "TIMESTAMP,CUSTOMER,ENDPOINT,STATUS,DURATION_MS". Drops the header (line 1), carriage
# returns and blank lines; reports each invalid record on stderr and drops it.
normalize() {
    local line n=0 customer endpoint status duration
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        line=$(echo "$line" | tr -d '\r')
        [ "$n" -eq 1 ] && continue
        [ -z "$line" ] && continue
        if [ "$(field_count "$line")" -ne 5 ]; then
            echo "usage-report: line $n: invalid record" >&2
            continue
        fi
        customer=$(field "$line" 2)
        endpoint=$(field "$line" 3)
        status=$(field "$line" 4)
        duration=$(field "$line" 5)
        if ! [[ $customer =~ ^[A-Za-z0-9_-]+$ && -n $endpoint && $status =~ ^[0-9]{3}$ && $duration =~ ^[0-9]+$ ]]; then
            echo "usage-report: line $n: invalid record" >&2
            continue
        fi
        echo "$line"
    done
}

# customers FILE: the distinct customers of the records in FILE, sorted.
customers() {
    cut -d , -f 2 "$1" | sort -u
}
