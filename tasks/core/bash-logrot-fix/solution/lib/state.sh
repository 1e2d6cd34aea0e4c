# state.sh - the state file: when each log was last rotated (MANUAL.md, "State file").
#
# Format: a header line "logrot state 1", then one line per log:
#     "PATH" EPOCH
# PATH is escaped: \\ for a backslash, \" for a double quote, \n for a newline,
# \t for a tab. Lines are written sorted in byte order.

LR_STATE_HEADER='logrot state 1'
declare -A LR_STATE=()

# lr_state_escape PATH: print PATH escaped for the state file.
lr_state_escape() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\t'/\\t}
    printf '%s' "$s"
}

# lr_state_unescape TEXT: set LR_UNESC to TEXT unescaped; fail on a bad escape
# or an unescaped double quote.
lr_state_unescape() {
    local s=$1 i c out=''
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        if [[ $c == '\' ]]; then
            ((i++))
            case ${s:i:1} in
                '\') out+='\' ;;
                '"') out+='"' ;;
                n) out+=$'\n' ;;
                t) out+=$'\t' ;;
                *) return 1 ;;
            esac
        elif [[ $c == '"' ]]; then
            return 1
        else
            out+=$c
        fi
    done
    LR_UNESC=$out
    return 0
}

# lr_state_load FILE: read FILE into LR_STATE; a missing file is an empty state.
lr_state_load() {
    local file=$1 line ln=0 body
    LR_STATE=()
    [[ -e $file ]] || return 0
    if [[ ! -f $file || ! -r $file ]]; then
        lr_die 3 "cannot read state file: $(lr_q "$file")"
    fi
    while IFS= read -r line || [[ -n $line ]]; do
        ((ln++))
        if ((ln == 1)); then
            [[ $line == "$LR_STATE_HEADER" ]] || lr_die 3 "$(lr_q "$file"):1: bad state header"
            continue
        fi
        if [[ $line =~ ^\"(([^\"\\]|\\.)*)\"\ ([0-9]+)$ ]]; then
            body=${BASH_REMATCH[1]}
            lr_state_unescape "$body" || lr_die 3 "$(lr_q "$file"):$ln: bad state line"
            (( ${#BASH_REMATCH[3]} <= 12 )) || lr_die 3 "$(lr_q "$file"):$ln: bad state line"
            LR_STATE[$LR_UNESC]=$((10#${BASH_REMATCH[3]}))
        else
            lr_die 3 "$(lr_q "$file"):$ln: bad state line"
        fi
    done < "$file"
    if ((ln == 0)); then
        lr_die 3 "$(lr_q "$file"):1: bad state header"
    fi
}

# lr_state_save FILE: write LR_STATE to FILE through a temporary file.
lr_state_save() {
    local file=$1 tmp="$1.tmp" k
    {
        printf '%s\n' "$LR_STATE_HEADER"
        for k in "${!LR_STATE[@]}"; do
            printf '"%s" %s\n' "$(lr_state_escape "$k")" "${LR_STATE[$k]}"
        done | LC_ALL=C sort
    } 2>/dev/null > "$tmp" || lr_die 3 "cannot write state file: $(lr_q "$file")"
    mv -f -- "$tmp" "$file" 2>/dev/null || lr_die 3 "cannot write state file: $(lr_q "$file")"
}
