# units.sh: conversions between byte counts and human-readable sizes (powers of 1024).
# A library: source it, do not run it. Defines only the functions below.

# units_to_bytes SIZE: prints the number of bytes for SIZE, e.g. 1.5K -> 1536, 10kb -> 10240,
# 512B -> 512 (fractions of a byte are dropped). Returns 1, printing nothing, for an invalid SIZE.
units_to_bytes() {
    local size mult=1
    size=$(printf '%s' "${1-}" | tr 'a-z' 'A-Z')
    size=${size%B}
    case $size in
        *K) mult=1024; size=${size%K} ;;
        *M) mult=1048576; size=${size%M} ;;
        *G) mult=1073741824; size=${size%G} ;;
        *T) mult=1099511627776; size=${size%T} ;;
    esac
    [[ $size =~ ^[0-9]+(\.[0-9]+)?$ ]] || return 1
    awk -v n="$size" -v m="$mult" 'BEGIN { printf "%d\n", n * m }'
}

# units_human BYTES: prints BYTES in the largest unit it reaches, truncated to one decimal,
# e.g. 1536 -> 1.5K, 512 -> 512B, 1073741824 -> 1.0G. Returns 1, printing nothing, for an
# invalid BYTES (anything but decimal digits).
units_human() {
    [[ ${1-} =~ ^[0-9]+$ ]] || return 1
    local n=$((10#$1)) unit=B size=1 tenths
    if [ "$n" -ge 1099511627776 ]; then
        unit=T size=1099511627776
    elif [ "$n" -ge 1073741824 ]; then
        unit=G size=1073741824
    elif [ "$n" -ge 1048576 ]; then
        unit=M size=1048576
    elif [ "$n" -ge 1024 ]; then
        unit=K size=1024
    fi
    if [ "$unit" = B ]; then
        echo "${n}B"
    else
        tenths=$((n * 10 / size))
        echo "${tenths%?}.${tenths: -1}$unit"
    fi
}
