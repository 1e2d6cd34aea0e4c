#!/usr/bin/env bats
# Hidden tests for usage-report: the documented behaviour, and speed.

bats_require_minimum_version 1.5.0
bats_load_library harness-agent

setup() {
    REPORT="$BATS_TEST_DIRNAME/../bin/usage-report"
    cd "$BATS_TEST_TMPDIR"
}

HEADER="customer,requests,errors,avg_ms,top_endpoint"

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

@test "only a header, or an empty file: just the report header" {
    echo "timestamp,customer,endpoint,status,duration_ms" > h.csv
    run --separate-stderr agent bash "$REPORT" h.csv
    [ "$status" -eq 0 ]
    [ "$output" = "$HEADER" ]
    [ -z "$stderr" ]
    : > e.csv
    run --separate-stderr agent bash "$REPORT" e.csv
    [ "$status" -eq 0 ]
    [ "$output" = "$HEADER" ]
}

@test "the first line is skipped even when it looks like a record" {
    printf 't,acme,/a,200,10\nt,acme,/b,200,20\n' > f.csv
    run agent bash "$REPORT" f.csv
    [ "$output" = "$HEADER
acme,1,0,20,/b" ]
}

@test "customers in byte order; averages rounded down" {
    printf 'h\nt,beta,/x,200,1\nt,Zed,/x,200,2\nt,alpha,/x,200,3\nt,alpha,/x,200,4\nt,_u,/x,200,5\nt,a-b,/x,200,6\nt,a,/x,200,7\nt,9,/x,200,8\n' > c.csv
    run --separate-stderr agent bash "$REPORT" c.csv
    [ "$status" -eq 0 ]
    [ "$output" = "$HEADER
9,1,0,8,/x
Zed,1,0,2,/x
_u,1,0,5,/x
a,1,0,7,/x
a-b,1,0,6,/x
alpha,2,0,3,/x
beta,1,0,1,/x" ]
}

@test "errors are statuses of 500 and more" {
    printf 'h\nt,c,/x,499,0\nt,c,/x,500,0\nt,c,/x,599,0\nt,c,/x,100,0\nt,c,/x,200,0\nt,c,/x,503,9\n' > e.csv
    run agent bash "$REPORT" e.csv
    [ "$output" = "$HEADER
c,6,3,1,/x" ]
}

@test "top endpoint: most frequent, ties to the first in byte order" {
    printf 'h\nt,c,/b,200,1\nt,c,/a,200,1\nt,c,/b,200,1\nt,c,/a,200,1\nt,c,/C,200,1\nt,d,/z,200,1\nt,d,/y,200,1\nt,d,/y,200,1\n' > t.csv
    run agent bash "$REPORT" t.csv
    [ "$output" = "$HEADER
c,5,0,1,/a
d,3,0,1,/y" ]
}

@test "a customer whose name is a prefix of another's" {
    printf 'h\nt,ab,/x,200,10\nt,a,/y,200,20\nt,abc,/z,500,30\nt,a,/y,200,40\n' > p.csv
    run agent bash "$REPORT" p.csv
    [ "$output" = "$HEADER
a,2,0,30,/y
ab,1,0,10,/x
abc,1,1,30,/z" ]
}

@test "invalid records are reported with their line numbers and left out" {
    printf '%s\n' 'timestamp,customer,endpoint,status,duration_ms' \
        't,ok,/x,200,10' \
        't,ok,/x,200' \
        't,ok,/x,200,10,extra' \
        't,bad name,/x,200,10' \
        't,ok,,200,10' \
        't,ok,/x,20,10' \
        't,ok,/x,2000,10' \
        't,ok,/x,200,-1' \
        't,ok,/x,200,1.5' \
        ',ok,/x,200,30' \
        't,,/x,200,10' \
        '   ' \
        't,ok,/y,404,5' > i.csv
    run --separate-stderr agent bash "$REPORT" i.csv
    [ "$status" -eq 0 ]
    [ "$output" = "$HEADER
ok,3,0,15,/x" ]
    [ "$stderr" = "usage-report: line 3: invalid record
usage-report: line 4: invalid record
usage-report: line 5: invalid record
usage-report: line 6: invalid record
usage-report: line 7: invalid record
usage-report: line 8: invalid record
usage-report: line 9: invalid record
usage-report: line 10: invalid record
usage-report: line 12: invalid record
usage-report: line 13: invalid record" ]
}

@test "Windows line endings, empty lines and no final newline" {
    printf 'h\r\nt,w,/x,200,10\r\n\r\n\nt,w,/x,500,21\r\nt,w,/y,200,1' > w.csv
    run --separate-stderr agent bash "$REPORT" w.csv
    [ "$status" -eq 0 ]
    [ "$output" = "$HEADER
w,3,1,10,/x" ]
    [ -z "$stderr" ]
}

@test "durations and statuses with leading zeros" {
    printf 'h\nt,z,/x,099,010\nt,z,/x,503,0009\n' > z.csv
    run agent bash "$REPORT" z.csv
    [ "$output" = "$HEADER
z,2,1,9,/x" ]
}

@test "a file name with spaces, run from another directory" {
    mkdir -p "usage logs" deep/er
    printf 'h\nt,s,/x,200,4\n' > "usage logs/may 1.csv"
    cd deep/er
    run agent bash "$REPORT" "../../usage logs/may 1.csv"
    [ "$status" -eq 0 ]
    [ "$output" = "$HEADER
s,1,0,4,/x" ]
}

@test "a missing file: exit 2" {
    run --separate-stderr agent bash "$REPORT" "no such.csv"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$stderr" = "usage-report: cannot read no such.csv" ]
}

@test "a folder is not readable as a log" {
    mkdir d
    run --separate-stderr agent bash "$REPORT" d
    [ "$status" -eq 2 ]
    [ "$stderr" = "usage-report: cannot read d" ]
}

@test "wrong number of arguments: exit 64" {
    printf 'h\n' > a.csv
    run --separate-stderr agent bash "$REPORT"
    [ "$status" -eq 64 ]
    [ "$stderr" = "usage: usage-report FILE" ]
    run --separate-stderr agent bash "$REPORT" a.csv a.csv
    [ "$status" -eq 64 ]
    [ -z "$output" ]
}

@test "60,000 records from 500 customers: right report within 15 seconds" {
    generate 60000 1 500 > big.csv
    start=$SECONDS
    run --separate-stderr agent timeout 15 bash "$REPORT" big.csv
    echo "took $((SECONDS - start)) s, status $status"
    [ "$status" -eq 0 ]
    [ "$(printf '%s\n' "$output" | sha256sum | cut -d ' ' -f 1)" = "b6512ee3f8d882e7248cc1a91f8037acdf9966fc49308cbd1bc6234a5d783179" ]
    [ "$(printf '%s\n' "$stderr" | sha256sum | cut -d ' ' -f 1)" = "69c70c6563ff1fd9f8ea92867bfce84001054e450db1dcf338c74104383ac39a" ]
}

@test "60,000 records from 3,000 customers within 15 seconds" {
    generate 60000 2 3000 > many.csv
    run --separate-stderr agent timeout 15 bash "$REPORT" many.csv
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = "$HEADER" ]
    [ "${#lines[@]}" -gt 3000 ]
}
