# rotate.sh - decide whether a log is due and rotate it (MANUAL.md, "When a
# log is rotated" and "Rotating a log").

LR_FORCE=0
LR_DRYRUN=0

# lr_is_due B LOG: true when LOG should be rotated now. A log with a period
# and no state entry gets one (the clock's time) and is not rotated.
lr_is_due() {
    local b=$1 log=$2 size limit period last
    size=$(lr_file_size "$log") || return 1
    if [[ $(lr_get "$b" notifempty) == 1 ]] && ((size == 0)); then
        return 1
    fi
    ((LR_FORCE)) && return 0
    limit=$(lr_get "$b" size)
    if [[ -n $limit ]] && ((size < limit)); then
        return 1
    fi
    period=$(lr_get "$b" period)
    if [[ -n $period ]]; then
        last=${LR_STATE[$log]:-0}
        if ((LR_NOW - last < period)); then
            return 1
        fi
    fi
    return 0
}

# lr_make_log PATH MODE: create PATH empty with exactly MODE.
lr_make_log() {
    local path=$1 mode=$2
    (umask 077 && : > "$path") 2>/dev/null || return 1
    chmod -- "$mode" "$path" 2>/dev/null
}

# lr_rotate B LOG: move LOG's content to a new archive. Prints the rotation
# line; returns non-zero (after reporting) when the log could not be rotated.
lr_rotate() {
    local b=$1 log=$2 archive mode create prefix
    lr_new_archive_name "$b" "$log"
    archive=$LR_NEW
    prefix=$LR_PREFIX
    if [[ -n $LR_OLDDIR && ! -d $LR_OLDDIR ]]; then
        lr_error "$(lr_q "$log"): olddir $(lr_q "$LR_OLDDIR") is not a directory"
        return 1
    fi
    if [[ $(lr_get "$b" dateext) == 1 ]]; then
        if [[ -e $archive || -e $archive.gz ]]; then
            lr_error "$(lr_q "$log"): archive $(lr_q "$archive") already exists"
            return 1
        fi
    fi
    if ((LR_DRYRUN)); then
        lr_say "would rotate $(lr_q "$log") -> $(lr_q "$archive")"
        return 0
    fi
    mode=$(lr_file_mode "$log")
    if [[ $(lr_get "$b" dateext) != 1 ]]; then
        if ! lr_shift_numbered "$prefix"; then
            lr_error "$(lr_q "$log"): cannot rename old archives"
            return 1
        fi
    fi
    if [[ $(lr_get "$b" copytruncate) == 1 ]]; then
        if ! cp "$log" "$archive" 2>/dev/null; then
            lr_error "$(lr_q "$log"): cannot copy to $(lr_q "$archive")"
            return 1
        fi
        : > "$log"
    else
        if ! mv "$log" "$archive" 2>/dev/null; then
            lr_error "$(lr_q "$log"): cannot rename to $(lr_q "$archive")"
            return 1
        fi
        create=$(lr_get "$b" create)
        if [[ -n $create ]]; then
            [[ $create == keep ]] && create=$mode
            if ! lr_make_log "$log" "$create"; then
                lr_error "$(lr_q "$log"): cannot create a new log"
            fi
        fi
    fi
    LR_STATE[$log]=$LR_NOW
    lr_say "rotated $(lr_q "$log") -> $(lr_q "$archive")"
    return 0
}

# lr_finish B LOG: the steps after a log's rotation (and its script).
lr_finish() {
    ((LR_DRYRUN)) && return 0
    lr_prune "$1" "$2"
    lr_compress_archives "$1" "$2"
}

# lr_process_block B: handle every log of block B, in pattern order, each
# pattern's logs in byte order. LR_SEEN holds the logs already handled.
declare -A LR_SEEN=()
lr_process_block() {
    local b=$1 entry log
    local -a entries=() rotated=()
    IFS=$LR_RS read -r -a entries <<< "${LR_BPAT[b]}"
    for entry in "${entries[@]}"; do
        lr_expand "$entry"
        if ((${#LR_MATCHES[@]} == 0)); then
            if [[ $(lr_get "$b" missingok) != 1 ]]; then
                lr_error "$(lr_q "$LR_PATTERN_TEXT"): no such file"
            fi
            continue
        fi
        for log in "${LR_MATCHES[@]}"; do
            if [[ -n ${LR_SEEN[$log]+set} ]]; then
                lr_warn "$(lr_q "$log"): already handled"
                continue
            fi
            LR_SEEN[$log]=1
            lr_is_due "$b" "$log" || continue
            if ((LR_DRYRUN)); then
                lr_rotate "$b" "$log"
                continue
            fi
            lr_prerotate_one "$b" "$log" || continue
            lr_rotate "$b" "$log" || continue
            rotated+=("$log")
            lr_postrotate_one "$b" "$log"
            lr_finish "$b" "$log"
        done
    done
    ((LR_DRYRUN)) || lr_postrotate_shared "$b" "${rotated[@]}"
}
