# Per-customer statistics. Sourced, not run.

# report_customers FILE: for the records in FILE (as printed by normalize), prints one line
# "CUSTOMER,REQUESTS,ERRORS,AVG_MS,TOP_ENDPOINT" per customer, ordered by customer.
# One pass over the records instead of several greps per customer.
report_customers() {
    LC_ALL=C awk -F , '
        {
            requests[$2]++
            if ($4 + 0 >= 500) errors[$2]++
            total[$2] += $5
            hits[$2 SUBSEP $3]++
        }
        END {
            for (key in hits) {
                split(key, part, SUBSEP)
                c = part[1]; ep = part[2]; n = hits[key]
                if (!(c in best) || n > best_n[c] || (n == best_n[c] && ep < best[c])) {
                    best[c] = ep
                    best_n[c] = n
                }
            }
            for (c in requests)
                printf "%s,%d,%d,%d,%s\n", c, requests[c], errors[c], int(total[c] / requests[c]), best[c]
        }
    ' "$1" | LC_ALL=C sort -t , -k1,1
}
