# Helpers shared by dupfind's scripts. Sourced, not run.

usage() {
    echo "usage: dupfind [-m MINSIZE] DIR..."
}

# die MESSAGE: print "dupfind: MESSAGE" on stderr and exit with status 2.
die() {
    echo "dupfind: $*" >&2
    exit 2
}

# is_count VALUE: true when VALUE is a non-negative decimal integer.
is_count() {
    [[ $1 =~ ^[0-9]+$ ]]
}
