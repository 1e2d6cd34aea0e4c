# config.sh - read configuration files into blocks (MANUAL.md, "Configuration").
#
# A block is numbered from 0. For block B:
#   LR_BPAT[B]      its patterns, each "DIR<US>GLOB<US>HASGLOB", joined by <RS>
#   LR_OPT[B,key]   its settings (keys: see LR_KEYS)
# Settings given outside any block are kept in LR_GLOBAL and copied into every
# block opened after them.

LR_US=$'\x1f'
LR_RS=$'\x1e'
LR_KEYS=(rotate size maxage period compress delaycompress copytruncate missingok
    notifempty dateext dateformat create sharedscripts prerotate postrotate olddir)

declare -A LR_GLOBAL=(
    [rotate]=1 [size]='' [maxage]='' [period]='' [compress]=0 [delaycompress]=0
    [copytruncate]=0 [missingok]=0 [notifempty]=0 [dateext]=0 [dateformat]='-%Y%m%d'
    [create]='' [sharedscripts]=0 [prerotate]='' [postrotate]='' [olddir]=''
)
declare -A LR_OPT=()
declare -a LR_BPAT=()
LR_NBLOCKS=0

# Results of lr_tokenize: parallel arrays of the words of one line.
declare -a LR_TOK_LIT=() LR_TOK_GLOB=()
LR_TOK_ERR=''

# _lr_gadd C: append character C to the caller's glob, escaped when special.
_lr_gadd() {
    case $1 in
        '*' | '?' | '[' | ']' | '\' | '(' | ')' | '|' | '+' | '@' | '!') glob+="\\$1" ;;
        *) glob+=$1 ;;
    esac
}

# lr_tokenize LINE: split LINE into words. A word is a run of characters other
# than blanks; double quotes group characters (blanks included) and make them
# literal; a backslash makes the next character literal. LR_TOK_LIT gets each
# word's text, LR_TOK_GLOB the same word as a pattern in which only unquoted,
# unescaped * ? [ ] are special.
lr_tokenize() {
    local line=$1 i=0 n=${#1} c lit glob inword=0 inq=0
    LR_TOK_LIT=()
    LR_TOK_GLOB=()
    LR_TOK_ERR=''
    lit=''
    glob=''
    while ((i < n)); do
        c=${line:i:1}
        if ((inq)); then
            if [[ $c == '"' ]]; then
                inq=0
            elif [[ $c == '\' ]] && ((i + 1 < n)) && [[ ${line:i+1:1} == ['"\'] ]]; then
                ((i++))
                c=${line:i:1}
                lit+=$c
                _lr_gadd "$c"
            else
                lit+=$c
                _lr_gadd "$c"
            fi
        else
            case $c in
                ' ' | $'\t')
                    if ((inword)); then
                        LR_TOK_LIT+=("$lit")
                        LR_TOK_GLOB+=("$glob")
                        lit=''
                        glob=''
                        inword=0
                    fi
                    ;;
                '"')
                    inq=1
                    inword=1
                    ;;
                '\')
                    inword=1
                    if ((i + 1 < n)); then
                        ((i++))
                        c=${line:i:1}
                        lit+=$c
                        _lr_gadd "$c"
                    else
                        lit+='\'
                        glob+='\\'
                    fi
                    ;;
                '*' | '?' | '[' | ']')
                    inword=1
                    lit+=$c
                    glob+=$c
                    ;;
                *)
                    inword=1
                    lit+=$c
                    _lr_gadd "$c"
                    ;;
            esac
        fi
        ((i++))
    done
    if ((inq)); then
        LR_TOK_ERR='unterminated quote'
        return 1
    fi
    if ((inword)); then
        LR_TOK_LIT+=("$lit")
        LR_TOK_GLOB+=("$glob")
    fi
    return 0
}

# lr_glob_has_meta GLOB: true when GLOB holds an unescaped * ? or [.
lr_glob_has_meta() {
    local g=$1 i c
    for ((i = 0; i < ${#g}; i++)); do
        c=${g:i:1}
        if [[ $c == '\' ]]; then
            ((i++))
            continue
        fi
        [[ $c == '*' || $c == '?' || $c == '[' ]] && return 0
    done
    return 1
}

# lr_glob_unescape GLOB: print GLOB with its escaping backslashes removed.
lr_glob_unescape() {
    local g=$1 i c out=''
    for ((i = 0; i < ${#g}; i++)); do
        c=${g:i:1}
        if [[ $c == '\' ]]; then
            ((i++))
            c=${g:i:1}
        fi
        out+=$c
    done
    printf '%s' "$out"
}

# lr_pattern_entry GLOB: set LR_ENTRY to the stored form of one pattern, or
# fail with a message in LR_TOK_ERR.
lr_pattern_entry() {
    local g=$1 dir base
    if [[ $g == */* ]]; then
        dir=${g%/*}
        base=${g##*/}
        if [[ -z $dir ]]; then
            dir='\/'
        fi
    else
        dir=''
        base=$g
    fi
    if [[ -z $base ]]; then
        LR_TOK_ERR="bad pattern '$(lr_glob_unescape "$g")'"
        return 1
    fi
    if lr_glob_has_meta "$dir"; then
        LR_TOK_ERR="glob characters are allowed only in the last part of '$(lr_glob_unescape "$g")'"
        return 1
    fi
    dir=$(lr_glob_unescape "$dir")
    if lr_glob_has_meta "$base"; then
        LR_ENTRY=$dir$LR_US$base${LR_US}1
    else
        LR_ENTRY=$dir$LR_US$base${LR_US}0
    fi
}

# lr_set SCOPE KEY VALUE: store a setting globally (SCOPE g) or in block SCOPE.
lr_set() {
    if [[ $1 == g ]]; then
        LR_GLOBAL[$2]=$3
    else
        LR_OPT[$1,$2]=$3
    fi
}

# lr_get B KEY: print a block's setting.
lr_get() {
    printf '%s' "${LR_OPT[$1,$2]}"
}

# lr_parse_size TEXT: print TEXT as bytes (N, Nk, NK, NM, NG), or fail.
lr_parse_size() {
    local t=$1 num mult=1
    if [[ $t =~ ^([0-9]+)([kKMG]?)$ ]]; then
        num=${BASH_REMATCH[1]}
        case ${BASH_REMATCH[2]} in
            k | K) mult=1024 ;;
            M) mult=1048576 ;;
            G) mult=1073741824 ;;
        esac
        [[ $num =~ ^0*([0-9]{1,12})$ ]] || return 1
        num=${BASH_REMATCH[1]}
        printf '%s' $((10#$num * mult))
        return 0
    fi
    return 1
}

# lr_check_dateformat FMT: true when FMT is a valid dateformat.
lr_check_dateformat() {
    local f=$1 i c
    [[ -z $f ]] && return 1
    for ((i = 0; i < ${#f}; i++)); do
        c=${f:i:1}
        if [[ $c == % ]]; then
            ((i++))
            c=${f:i:1}
            [[ $c == [YmdHMSs] ]] || return 1
        elif [[ $c != [A-Za-z0-9._-] ]]; then
            return 1
        fi
    done
    return 0
}

# lr_directive SCOPE FILE LINENO WORD...: apply one directive line.
lr_directive() {
    local scope=$1 file=$2 ln=$3
    shift 3
    local name=$1 nargs=$(($# - 1)) arg=${2-}
    local where="$(lr_q "$file"):$ln"
    local want=0
    case $name in
        rotate | size | maxage | dateformat | olddir) want=1 ;;
        create) want=-1 ;;
        compress | nocompress | delaycompress | nodelaycompress | copytruncate | nocopytruncate | \
            missingok | nomissingok | notifempty | ifempty | dateext | nodateext | nocreate | \
            sharedscripts | nosharedscripts | hourly | daily | weekly | noperiod | noolddir) want=0 ;;
        *) lr_die 2 "$where: unknown directive '$(lr_q "$name")'" ;;
    esac
    if ((want == 1 && nargs == 0)); then
        lr_die 2 "$where: missing argument for $name"
    fi
    if ((want == 1 && nargs > 1)) || ((want == 0 && nargs > 0)) || ((want == -1 && nargs > 1)); then
        lr_die 2 "$where: too many arguments for $name"
    fi
    local bad="$where: bad argument for $name: '$(lr_q "$arg")'"
    case $name in
        rotate)
            [[ $arg =~ ^0*([0-9]{1,4})$ ]] || lr_die 2 "$bad"
            arg=$((10#${BASH_REMATCH[1]}))
            ((arg >= 1 && arg <= 1000)) || lr_die 2 "$bad"
            lr_set "$scope" rotate "$arg"
            ;;
        size)
            local bytes
            bytes=$(lr_parse_size "$arg") || lr_die 2 "$bad"
            lr_set "$scope" size "$bytes"
            ;;
        maxage)
            [[ $arg =~ ^0*([0-9]{1,5})$ ]] || lr_die 2 "$bad"
            arg=$((10#${BASH_REMATCH[1]}))
            ((arg >= 1)) || lr_die 2 "$bad"
            lr_set "$scope" maxage "$arg"
            ;;
        dateformat)
            lr_check_dateformat "$arg" || lr_die 2 "$bad"
            lr_set "$scope" dateformat "$arg"
            ;;
        create)
            if ((nargs == 0)); then
                lr_set "$scope" create keep
            else
                [[ $arg =~ ^[0-7]{3,4}$ ]] || lr_die 2 "$bad"
                lr_set "$scope" create "$arg"
            fi
            ;;
        nocreate) lr_set "$scope" create '' ;;
        olddir)
            [[ -n $arg ]] || lr_die 2 "$bad"
            lr_set "$scope" olddir "${arg%/}"
            [[ $arg == / ]] && lr_set "$scope" olddir /
            ;;
        noolddir) lr_set "$scope" olddir '' ;;
        hourly) lr_set "$scope" period 3600 ;;
        daily) lr_set "$scope" period 86400 ;;
        weekly) lr_set "$scope" period 604800 ;;
        noperiod) lr_set "$scope" period '' ;;
        no*)
            lr_set "$scope" "${name#no}" 0
            ;;
        ifempty) lr_set "$scope" notifempty 0 ;;
        *) lr_set "$scope" "$name" 1 ;;
    esac
}

# lr_open_block FILE LINENO: start a new block from the words in LR_TOK_*
# (the last of which is "{"); print nothing, set LR_CUR.
lr_open_block() {
    local file=$1 ln=$2 b=$LR_NBLOCKS k i entry pats=''
    local where="$(lr_q "$file"):$ln"
    local n=$((${#LR_TOK_LIT[@]} - 1))
    ((n == 0)) && lr_die 2 "$where: block has no patterns"
    for ((i = 0; i < n; i++)); do
        if [[ ${LR_TOK_GLOB[i]} == '{' || ${LR_TOK_GLOB[i]} == '}' ]]; then
            lr_die 2 "$where: unexpected '${LR_TOK_GLOB[i]}'"
        fi
        lr_pattern_entry "${LR_TOK_GLOB[i]}" || lr_die 2 "$where: $LR_TOK_ERR"
        entry=$LR_ENTRY
        if ((i > 0)); then
            pats+=$LR_RS
        fi
        pats+=$entry
    done
    LR_BPAT[b]=$pats
    for k in "${LR_KEYS[@]}"; do
        LR_OPT[$b,$k]=${LR_GLOBAL[$k]}
    done
    LR_CUR=$b
    LR_NBLOCKS=$((b + 1))
}

# lr_read_config FILE: parse FILE, adding its blocks; exit 2 on any error.
lr_read_config() {
    local file=$1 line ln=0 open_ln=0 script='' in_script=0 script_ln=0 trimmed script_kind=
    LR_CUR=g
    if [[ ! -f $file || ! -r $file ]]; then
        lr_die 2 "cannot read config: $(lr_q "$file")"
    fi
    while IFS= read -r line || [[ -n $line ]]; do
        ((ln++))
        line=${line%$'\r'}
        if ((in_script)); then
            trimmed=${line#"${line%%[![:blank:]]*}"}
            trimmed=${trimmed%"${trimmed##*[![:blank:]]}"}
            if [[ $trimmed == endscript ]]; then
                lr_set "$LR_CUR" "$script_kind" "$script"
                in_script=0
                script=''
            else
                script+=$line$'\n'
            fi
            continue
        fi
        lr_tokenize "$line" || lr_die 2 "$(lr_q "$file"):$ln: $LR_TOK_ERR"
        ((${#LR_TOK_LIT[@]} == 0)) && continue
        [[ ${LR_TOK_GLOB[0]} == '#'* ]] && continue
        local last=${LR_TOK_GLOB[${#LR_TOK_GLOB[@]} - 1]}
        if [[ $last == '{' ]]; then
            [[ $LR_CUR != g ]] && lr_die 2 "$(lr_q "$file"):$ln: nested block"
            lr_open_block "$file" "$ln"
            open_ln=$ln
            continue
        fi
        if [[ ${LR_TOK_GLOB[0]} == '}' ]]; then
            [[ $LR_CUR == g ]] && lr_die 2 "$(lr_q "$file"):$ln: unexpected '}'"
            ((${#LR_TOK_GLOB[@]} > 1)) && lr_die 2 "$(lr_q "$file"):$ln: unexpected text after '}'"
            LR_CUR=g
            continue
        fi
        if [[ ${LR_TOK_GLOB[0]} == prerotate || ${LR_TOK_GLOB[0]} == postrotate ]]; then
            script_kind=${LR_TOK_GLOB[0]}
            [[ $LR_CUR == g ]] && lr_die 2 "$(lr_q "$file"):$ln: $script_kind outside a block"
            ((${#LR_TOK_GLOB[@]} > 1)) && lr_die 2 "$(lr_q "$file"):$ln: too many arguments for $script_kind"
            in_script=1
            script_ln=$ln
            continue
        fi
        if [[ ${LR_TOK_GLOB[0]} == endscript ]]; then
            lr_die 2 "$(lr_q "$file"):$ln: endscript without a script"
        fi
        lr_directive "$LR_CUR" "$file" "$ln" "${LR_TOK_LIT[@]}"
    done < "$file"
    if ((in_script)); then
        lr_die 2 "$(lr_q "$file"):$script_ln: missing endscript"
    fi
    if [[ $LR_CUR != g ]]; then
        lr_die 2 "$(lr_q "$file"):$open_ln: missing '}'"
    fi
}
