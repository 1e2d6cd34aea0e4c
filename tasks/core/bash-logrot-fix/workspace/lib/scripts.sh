# scripts.sh - run postrotate scripts (MANUAL.md, "Scripts").

# lr_run_script TEXT ARG...: run TEXT with bash, ARG... as its $1, $2, ...;
# its stdin is /dev/null, its stdout and stderr are logrot's. Sets LR_SCRIPT_RC.
lr_run_script() {
    local text=$1
    shift
    bash -c "$text" logrot "$@" < /dev/null
    LR_SCRIPT_RC=$?
    return "$LR_SCRIPT_RC"
}

# lr_postrotate_one B LOG: the per-log script of block B (no sharedscripts).
lr_postrotate_one() {
    local b=$1 log=$2 text
    text=$(lr_get "$b" postrotate)
    [[ -n $text ]] || return 0
    [[ $(lr_get "$b" sharedscripts) == 1 ]] && return 0
    if ! lr_run_script "$text" "$log"; then
        lr_error "$(lr_q "$log"): postrotate script failed with status $LR_SCRIPT_RC"
    fi
}

# lr_postrotate_shared B LOG...: the block's shared script, once, with every
# log rotated in this run as arguments.
lr_postrotate_shared() {
    local b=$1 text
    shift
    text=$(lr_get "$b" postrotate)
    [[ -n $text ]] || return 0
    [[ $(lr_get "$b" sharedscripts) == 1 ]] || return 0
    if ! lr_run_script "$text" "$@"; then
        lr_error "postrotate script failed with status $LR_SCRIPT_RC"
    fi
}

# lr_prerotate_one B LOG: the per-log prerotate script of block B; fails (after
# reporting) when the script fails, and the log is then not rotated.
lr_prerotate_one() {
    local b=$1 log=$2 text
    text=$(lr_get "$b" prerotate)
    [[ -n $text ]] || return 0
    if ! lr_run_script "$text" "$log"; then
        lr_error "$(lr_q "$log"): prerotate script failed with status $LR_SCRIPT_RC"
        return 1
    fi
    return 0
}

# lr_prerotate_shared B LOG...: the block's shared prerotate script, once, with
# every due log as arguments; fails when the script fails (then no log of the
# block is rotated).
lr_prerotate_shared() {
    local b=$1 text
    shift
    text=$(lr_get "$b" prerotate)
    [[ -n $text ]] || return 0
    (($# > 0)) || return 0
    if ! lr_run_script "$text" "$@"; then
        lr_error "prerotate script failed with status $LR_SCRIPT_RC"
        return 1
    fi
    return 0
}
