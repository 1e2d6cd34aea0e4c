# Per-customer statistics. Sourced, not run.

# records_of CUSTOMER FILE: the records of CUSTOMER in FILE.
records_of() {
    grep -- "^[^,]*,$1," "$2"
}

# report_customer CUSTOMER FILE: prints "CUSTOMER,REQUESTS,ERRORS,AVG_MS,TOP_ENDPOINT".
report_customer() {
    local customer=$1 file=$2
    local requests errors=0 total=0 record status duration avg top
    requests=$(records_of "$customer" "$file" | wc -l)
    while IFS= read -r record; do
        status=$(field "$record" 4)
        duration=$(field "$record" 5)
        if [ "$((10#$status))" -ge 500 ]; then
            errors=$((errors + 1))
        fi
        total=$((total + 10#$duration))
    done < <(records_of "$customer" "$file")
    avg=$((total / requests))
    top=$(records_of "$customer" "$file" | cut -d , -f 3 | sort | uniq -c | sort -k1,1nr -k2,2 |
        head -n 1 | awk '{ print $2 }')
    echo "$customer,$requests,$errors,$avg,$top"
}
