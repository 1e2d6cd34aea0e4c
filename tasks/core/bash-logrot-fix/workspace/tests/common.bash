# Shared helpers for the logrot tests (loaded with `load common`).
NOW=1704067200          # 2024-01-01 00:00:00 UTC
DAY=86400

# lr ARG...: run logrot as the agent with the clock at $LRNOW (default $NOW).
lr() {
    run --separate-stderr agent env LOGROT_NOW="${LRNOW:-$NOW}" bash "$SCRIPT" "$@"
}

# conf LINE...: write the config c.conf.
conf() {
    printf '%s\n' "$@" > c.conf
}

# mk PATH TEXT [EPOCH]: make a file holding TEXT (no newline added), optionally dated.
mk() {
    printf '%s' "$2" > "$1"
    if [[ -n ${3-} ]]; then touch -d "@$3" -- "$1"; fi
}

# gzmk PATH TEXT: make a gzip file holding TEXT.
gzmk() {
    printf '%s' "$2" | gzip -n -c > "$1"
}

# is TEXT PATH: the file holds exactly TEXT.
is() {
    [[ -f $2 ]] || { echo "missing: $2"; return 1; }
    local got
    got=$(cat -- "$2"; printf x)
    got=${got%x}
    [[ $got == "$1" ]] || { printf 'file %s holds [%s], expected [%s]\n' "$2" "$got" "$1"; return 1; }
}

# gzis TEXT PATH: the gzip file decompresses to exactly TEXT.
gzis() {
    [[ -f $2 ]] || { echo "missing: $2"; return 1; }
    local got
    got=$(gzip -dc -- "$2"; printf x)
    got=${got%x}
    [[ $got == "$1" ]] || { printf 'gz %s holds [%s], expected [%s]\n' "$2" "$got" "$1"; return 1; }
}

# files DIR: list DIR's names, one a line, in byte order.
files() {
    (cd "$1" && LC_ALL=C ls -A)
}

# expect_out TEXT / expect_err TEXT: compare with a diagnostic.
expect_out() {
    [[ $output == "$1" ]] || { printf 'stdout:\n%s\n--- expected:\n%s\n' "$output" "$1"; return 1; }
}
expect_err() {
    [[ $stderr == "$1" ]] || { printf 'stderr:\n%s\n--- expected:\n%s\n' "$stderr" "$1"; return 1; }
}
