# match.sh - turn a block's patterns into the logs they name (MANUAL.md, "Patterns").

# lr_is_taboo NAME: true for names that are never taken as logs: those ending
# in ".gz" or in "." followed by digits (they look like archives).
lr_is_taboo() {
    [[ $1 == *.gz ]] && return 0
    [[ $1 =~ \.[0-9]+$ ]] && return 0
    return 1
}

# lr_join DIR NAME: print the path of NAME inside DIR as logrot names it.
lr_join() {
    if [[ -z $1 ]]; then
        printf '%s' "$2"
    elif [[ $1 == / ]]; then
        printf '/%s' "$2"
    else
        printf '%s/%s' "$1" "$2"
    fi
}

# lr_expand ENTRY: set LR_MATCHES to the regular files the pattern ENTRY names,
# in byte order of their names; set LR_PATTERN_TEXT to the pattern as text.
lr_expand() {
    local entry=$1 dir glob hasglob name path lookin
    IFS=$LR_US read -r dir glob hasglob <<< "$entry"
    # read strips nothing from dir (IFS is the unit separator only), but a
    # newline ends the here-string: names come back whole because config
    # lines cannot hold newlines.
    LR_MATCHES=()
    LR_PATTERN_TEXT=$(lr_join "$dir" "$(lr_glob_unescape "$glob")")
    if [[ $hasglob == 0 ]]; then
        path=$(lr_join "$dir" "$(lr_glob_unescape "$glob")")
        if [[ -f $path && ! -L $path ]]; then
            LR_MATCHES=("$path")
        fi
        return 0
    fi
    lookin=${dir:-.}
    [[ -d $lookin ]] || return 0
    local -a all=()
    local saved
    saved=$(shopt -p nullglob dotglob)
    shopt -s nullglob dotglob
    all=($lookin/*)
    eval "$saved"
    for path in "${all[@]}"; do
        name=${path##*/}
        # A leading dot must be matched by a literal dot in the pattern.
        if [[ $name == .* && $glob != .* ]]; then
            continue
        fi
        # shellcheck disable=SC2053
        [[ $name == $glob ]] || continue
        lr_is_taboo "$name" && continue
        path=$(lr_join "$dir" "$name")
        [[ -f $path && ! -L $path ]] || continue
        LR_MATCHES+=("$path")
    done
    return 0
}
