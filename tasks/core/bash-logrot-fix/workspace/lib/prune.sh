# prune.sh - remove archives beyond the rotate count or older than maxage
# (MANUAL.md, "Removing old archives").

# lr_prune B LOG: remove LOG's archives that are not among the newest ROTATE
# ones, and, with maxage D, those modified more than D days before the clock.
# Removals are done and reported oldest archive first.
lr_prune() {
    local b=$1 log=$2 keep maxage i path mtime limit
    keep=$(lr_get "$b" rotate)
    maxage=$(lr_get "$b" maxage)
    lr_list_archives "$b" "$log"
    local -a doomed=()
    for ((i = ${#LR_ARCH[@]} - 1; i >= 0; i--)); do
        path=${LR_ARCH[i]}
        if ((i >= keep)); then
            doomed+=("$path")
            continue
        fi
        if [[ -n $maxage ]]; then
            mtime=$(lr_file_mtime "$path") || continue
            limit=$((LR_NOW - maxage * 86400))
            if ((mtime <= limit)); then
                doomed+=("$path")
            fi
        fi
    done
    for path in "${doomed[@]}"; do
        if rm -f -- "$path" 2>/dev/null && [[ ! -e $path ]]; then
            lr_say "removed $(lr_q "$path")"
        else
            lr_error "$(lr_q "$log"): cannot remove $(lr_q "$path")"
        fi
    done
}
