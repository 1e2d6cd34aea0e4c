#!/usr/bin/env bats
# Some of the tests for usage-report: run them with `bats tests`.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    REPORT="$BATS_TEST_DIRNAME/../bin/usage-report"
    cd "$BATS_TEST_TMPDIR"
}

# generate N SEED CUSTOMERS: a deterministic usage log with a few invalid lines
generate() {
    gawk -v n="$1" -v seed="$2" -v customers="$3" '
    BEGIN {
        srand(seed)
        split("/v1/orders /v1/items /v1/users /v2/search /v1/login /v1/cart /health", eps, " ")
        print "timestamp,customer,endpoint,status,duration_ms"
        for (i = 1; i <= n; i++) {
            c = "cust-" int(rand() * customers)
            if (rand() < 0.1) c = toupper(substr(c, 1, 1)) "_" c
            ep = eps[1 + int(rand() * rand() * 7)]
            r = rand()
            st = r < 0.8 ? 200 : (r < 0.9 ? 404 : (r < 0.97 ? 500 : 503))
            d = int(rand() * rand() * 3000)
            ts = sprintf("2024-05-01T%02d:%02d:%02dZ", int(i / 3600) % 24, int(i / 60) % 60, i % 60)
            if (i % 997 == 0) print ts "," c "," ep "," st
            else if (i % 1499 == 0) print ""
            else if (i % 1999 == 0) print ts ",bad cust," ep "," st "," d
            else if (i % 2503 == 0) print ts "," c "," ep "," st "," d "\r"
            else print ts "," c "," ep "," st "," d
        }
    }'
}

@test "a small log" {
    cat > log.csv <<'CSV'
timestamp,customer,endpoint,status,duration_ms
2024-05-01T00:00:01Z,acme,/v1/orders,200,30
2024-05-01T00:00:02Z,globex,/v1/items,500,1200
2024-05-01T00:00:03Z,acme,/v1/items,201,45
2024-05-01T00:00:04Z,acme,/v1/orders,503,10
not,a,record
2024-05-01T00:00:05Z,globex,/v1/items,200,7
CSV
    run --separate-stderr agent bash "$REPORT" log.csv
    [ "$status" -eq 0 ]
    [ "$output" = "customer,requests,errors,avg_ms,top_endpoint
acme,3,1,28,/v1/orders
globex,2,1,603,/v1/items" ]
    [ "$stderr" = "usage-report: line 6: invalid record" ]
}

@test "60,000 records in less than 15 seconds" {
    generate 60000 1 500 > big.csv
    start=$SECONDS
    run --separate-stderr agent timeout 15 bash "$REPORT" big.csv
    echo "took $((SECONDS - start)) s, status $status"
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = "customer,requests,errors,avg_ms,top_endpoint" ]
    [ "${#lines[@]}" -gt 500 ]
}
