# compress.sh - gzip archives (MANUAL.md, "Compression").

# lr_gzip PATH: replace PATH by PATH.gz, keeping its modification time and mode.
lr_gzip() {
    local src=$1 dst="$1.gz"
    if ! gzip -n -c -- "$src" > "$dst" 2>/dev/null; then
        rm -f -- "$dst"
        return 1
    fi
    touch -r "$src" -- "$dst" 2>/dev/null
    chmod --reference="$src" -- "$dst" 2>/dev/null
    rm -f -- "$src"
}

# lr_compress_archives B LOG: after LOG was rotated, compress every archive of
# LOG that is not compressed yet, except the newest one when delaycompress is
# set. Archives are handled oldest first.
lr_compress_archives() {
    local b=$1 log=$2 i path first=0
    [[ $(lr_get "$b" compress) == 1 ]] || return 0
    if [[ $(lr_get "$b" delaycompress) == 1 ]]; then
        first=1
    fi
    lr_list_archives "$b" "$log"
    for ((i = ${#LR_ARCH[@]} - 1; i >= first; i--)); do
        path=${LR_ARCH[i]}
        [[ $path == *.gz ]] && continue
        if [[ -e $path.gz ]]; then
            lr_error "$(lr_q "$log"): cannot compress $(lr_q "$path"): $(lr_q "$path.gz") exists"
            continue
        fi
        if lr_gzip "$path"; then
            lr_say "compressed $(lr_q "$path")"
        else
            lr_error "$(lr_q "$log"): cannot compress $(lr_q "$path")"
        fi
    done
}
