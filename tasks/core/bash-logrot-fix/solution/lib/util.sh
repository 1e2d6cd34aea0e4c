# util.sh - messages, name quoting, the clock and small helpers shared by every module.
#
# Every message that names a file goes through lr_q so that names holding a
# backslash, a newline or a tab still print on one line (MANUAL.md, "Messages").

LR_PROG=logrot
LR_STATUS=0          # becomes 1 after any per-log error (MANUAL.md, "Exit status")
LR_NOW=0             # the clock, in seconds since the epoch (set by lr_clock_init)

# lr_q NAME: print NAME escaped for a message, without a trailing newline.
lr_q() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//$'\n'/\\n}
    s=${s//$'\t'/\\t}
    printf '%s' "$s"
}

# lr_say TEXT...: one line on stdout.
lr_say() {
    printf '%s\n' "$*"
}

# lr_warn TEXT: a warning on stderr; does not change the exit status.
lr_warn() {
    printf '%s: warning: %s\n' "$LR_PROG" "$1" >&2
}

# lr_error TEXT: a per-log error on stderr; the run goes on and exits 1.
lr_error() {
    printf '%s: error: %s\n' "$LR_PROG" "$1" >&2
    LR_STATUS=1
}

# lr_die CODE TEXT: a fatal error; nothing more is done.
lr_die() {
    local code=$1
    shift
    printf '%s: %s\n' "$LR_PROG" "$*" >&2
    exit "$code"
}

# lr_is_uint TEXT: true when TEXT is a run of ASCII digits.
lr_is_uint() {
    [[ $1 =~ ^[0-9]+$ ]]
}

# lr_clock_init: read LOGROT_NOW (or the real clock) into LR_NOW.
lr_clock_init() {
    if [[ -n ${LOGROT_NOW+set} ]]; then
        if ! lr_is_uint "$LOGROT_NOW" || (( ${#LOGROT_NOW} > 12 )); then
            lr_die 2 "bad LOGROT_NOW: '$LOGROT_NOW'"
        fi
        LR_NOW=$((10#$LOGROT_NOW))
    else
        LR_NOW=$(date +%s)
    fi
}

# lr_file_size PATH: print the size of PATH in bytes.
lr_file_size() {
    local n
    n=$(stat -c %s -- "$1" 2>/dev/null) || return 1
    printf '%s' "$n"
}

# lr_file_mtime PATH: print the modification time of PATH in epoch seconds.
lr_file_mtime() {
    local n
    n=$(stat -c %Y -- "$1" 2>/dev/null) || return 1
    printf '%s' "$n"
}

# lr_file_mode PATH: print the permission bits of PATH in octal.
lr_file_mode() {
    stat -c %a -- "$1" 2>/dev/null
}

# lr_glob_escape TEXT: print TEXT with the pattern characters * ? [ ] \ escaped,
# so that it matches itself literally inside [[ == ]] and case patterns.
lr_glob_escape() {
    local s=$1 out='' c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
            '*' | '?' | '[' | ']' | '\' | '(' | ')' | '|' | '+' | '@' | '!') out+="\\$c" ;;
            *) out+=$c ;;
        esac
    done
    printf '%s' "$out"
}
