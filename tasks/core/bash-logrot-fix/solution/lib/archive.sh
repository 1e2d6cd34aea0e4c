# archive.sh - names of a log's archives (MANUAL.md, "Archives").
#
# Numbered archives: LOG.1, LOG.2, ... (LOG.N.gz when compressed); 1 is newest.
# Dated archives (dateext): LOG followed by the dateformat expanded at the
# clock's time, e.g. LOG-20240131 (LOG-20240131.gz when compressed).

# lr_date_suffix FMT: print FMT expanded for the clock's time, in UTC.
lr_date_suffix() {
    TZ=UTC date -u -d "@$LR_NOW" "+$1"
}

# lr_date_glob FMT: print an extended pattern matching any expansion of FMT.
lr_date_glob() {
    local f=$1 i c out=''
    for ((i = 0; i < ${#f}; i++)); do
        c=${f:i:1}
        if [[ $c == % ]]; then
            ((i++))
            case ${f:i:1} in
                Y) out+='[0-9][0-9][0-9][0-9]' ;;
                m | d | H | M | S) out+='[0-9][0-9]' ;;
                s) out+='+([0-9])' ;;
            esac
        else
            out+=$(lr_glob_escape "$c")
        fi
    done
    printf '%s' "$out"
}

# lr_numbered_archives LOG: set LR_ARCH to LOG's numbered archives, newest
# first (LOG.1 before LOG.2), and LR_ARCH_NUM to their numbers.
lr_numbered_archives() {
    local log=$1 dir base path name num
    local -a found=()
    LR_ARCH=()
    LR_ARCH_NUM=()
    if [[ $log == */* ]]; then
        dir=${log%/*}
        [[ -z $dir ]] && dir=/
    else
        dir=.
    fi
    base=${log##*/}
    local saved
    saved=$(shopt -p nullglob dotglob)
    shopt -s nullglob dotglob
    local ebase
    ebase=$(lr_glob_escape "$base")
    for path in "$dir"/*; do
        name=${path##*/}
        # shellcheck disable=SC2053
        [[ $name == $ebase.+([0-9])?(.gz) ]] || continue
        num=${name:${#base}+1}
        num=${num%.gz}
        [[ $num == 0* ]] && continue
        (( ${#num} > 6 )) && continue
        found+=("$num/${log}${name:${#base}}")
    done
    eval "$saved"
    local line
    while IFS=/ read -r -d '' num path; do
        LR_ARCH_NUM+=("$num")
        LR_ARCH+=("$path")
    done < <(((${#found[@]})) && printf '%s\0' "${found[@]}" | sort -z -t / -k1,1n)
}

# lr_dated_archives LOG FMT: set LR_ARCH to LOG's dated archives, newest first
# (descending byte order of the name without ".gz").
lr_dated_archives() {
    local log=$1 fmt=$2 dir base path name
    local -a found=()
    LR_ARCH=()
    if [[ $log == */* ]]; then
        dir=${log%/*}
        [[ -z $dir ]] && dir=/
    else
        dir=.
    fi
    base=${log##*/}
    local pat
    pat="$(lr_glob_escape "$base")$(lr_date_glob "$fmt")"
    local saved
    saved=$(shopt -p nullglob dotglob)
    shopt -s nullglob dotglob
    for path in "$dir"/*; do
        name=${path##*/}
        # shellcheck disable=SC2053
        [[ $name == $pat?(.gz) ]] || continue
        found+=("${name%.gz}/${log}${name:${#base}}")
    done
    eval "$saved"
    local key
    while IFS=/ read -r -d '' key path; do
        LR_ARCH+=("$path")
    done < <(((${#found[@]})) && printf '%s\0' "${found[@]}" | LC_ALL=C sort -z -r -t / -k1,1)
}

# lr_archive_prefix B LOG: set LR_PREFIX to the path archives of LOG start
# with: LOG itself, or with olddir DIR the log's name inside DIR (DIR taken
# relative to the log's directory unless it is absolute). LR_OLDDIR is that
# directory ('' without olddir).
lr_archive_prefix() {
    local b=$1 log=$2 od base
    od=$(lr_get "$b" olddir)
    if [[ -z $od ]]; then
        LR_PREFIX=$log
        LR_OLDDIR=''
        return 0
    fi
    base=${log##*/}
    if [[ $od != /* && $log == */* ]]; then
        od=${log%/*}/$od
    fi
    LR_OLDDIR=$od
    if [[ $od == / ]]; then
        LR_PREFIX=/$base
    else
        LR_PREFIX=$od/$base
    fi
}

# lr_list_archives B LOG: LR_ARCH for LOG under block B's naming scheme.
lr_list_archives() {
    lr_archive_prefix "$1" "$2"
    if [[ $(lr_get "$1" dateext) == 1 ]]; then
        lr_dated_archives "$LR_PREFIX" "$(lr_get "$1" dateformat)"
    else
        lr_numbered_archives "$LR_PREFIX"
    fi
}

# lr_shift_numbered PREFIX: rename PREFIX.K (or PREFIX.K.gz) to PREFIX.K+1 for
# every existing archive, highest number first, so that PREFIX.1 becomes free.
lr_shift_numbered() {
    local log=$1 i path num next
    lr_numbered_archives "$log"
    for ((i = ${#LR_ARCH[@]} - 1; i >= 0; i--)); do
        path=${LR_ARCH[i]}
        num=${LR_ARCH_NUM[i]}
        next=$((10#$num + 1))
        if [[ $path == *.gz ]]; then
            mv -f -- "$path" "$log.$next.gz" || return 1
        else
            mv -f -- "$path" "$log.$next" || return 1
        fi
    done
    return 0
}

# lr_new_archive_name B LOG: set LR_NEW to the name the log's content gets now.
lr_new_archive_name() {
    lr_archive_prefix "$1" "$2"
    if [[ $(lr_get "$1" dateext) == 1 ]]; then
        LR_NEW=$LR_PREFIX$(lr_date_suffix "$(lr_get "$1" dateformat)")
    else
        LR_NEW=$LR_PREFIX.1
    fi
}
