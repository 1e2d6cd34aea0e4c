#!/usr/bin/env bash
# todo.sh: a tiny to-do list kept in a text file. See README.md.
set -euo pipefail

TODO_FILE=${TODO_FILE:-./todo.txt}

usage() {
    cat >&2 <<'USAGE'
usage: todo.sh COMMAND [ARG...]
commands:
  add TEXT...   add an item
  list [--json] [--pending | --done]
                list the items (all, or only pending or done ones), as text or JSON
  done ID       mark item ID as done
  edit ID TEXT...
                replace the text of item ID
  rm ID         remove item ID
USAGE
    exit 64
}

die() {
    echo "todo: $*" >&2
    exit 1
}

# Items are lines "ID<TAB>DONE<TAB>TEXT", DONE being 0 or 1.
ensure_file() {
    [ -e "$TODO_FILE" ] || : > "$TODO_FILE"
}

# has_item ID: true when an item has that ID.
has_item() {
    awk -F '\t' -v id="$1" '$1 == id { found = 1 } END { exit !found }' "$TODO_FILE"
}

# check_id ID: die unless ID names an existing item.
check_id() {
    [[ $1 =~ ^[0-9]+$ ]] || die "invalid id: $1"
    has_item "$1" || die "no item $1"
}

# rewrite AWK-PROGRAM [AWK-ARGS...]: replace the file by the program's output.
rewrite() {
    local tmp
    tmp=$(mktemp "$TODO_FILE.XXXXXX")
    if awk -F '\t' -v OFS='\t' "$@" "$TODO_FILE" > "$tmp"; then
        mv "$tmp" "$TODO_FILE"
    else
        rm -f "$tmp"
        die "cannot update $TODO_FILE"
    fi
}

cmd_add() {
    local text="$*" id
    text=${text//$'\t'/ }
    [ -n "$text" ] || usage
    id=$(awk -F '\t' '$1 > max { max = $1 } END { print max + 1 }' "$TODO_FILE")
    printf '%s\t0\t%s\n' "$id" "$text" >> "$TODO_FILE"
    echo "added $id"
}

cmd_list() {
    local json=0 want=""
    while [ "$#" -gt 0 ]; do
        case $1 in
            --json) json=1 ;;
            --pending) [ -z "$want" ] || usage; want=0 ;;
            --done) [ -z "$want" ] || usage; want=1 ;;
            *) usage ;;
        esac
        shift
    done
    if [ "$json" -eq 1 ]; then
        # Items as TSV, turned into JSON by jq so that every text is escaped right.
        awk -F '\t' -v want="$want" 'want == "" || $2 == want' "$TODO_FILE" |
            jq -R -s -c '
                split("\n") | map(select(length > 0) | split("\t")
                    | {id: (.[0] | tonumber), text: (.[2:] | join("\t")), done: (.[1] == "1")})'
    else
        awk -F '\t' -v want="$want" 'want == "" || $2 == want {
            printf "%d [%s] %s\n", $1, ($2 == 1 ? "x" : " "), $3
        }' "$TODO_FILE"
    fi
}

cmd_done() {
    [ "$#" -eq 1 ] || usage
    check_id "$1"
    rewrite -v id="$1" '$1 == id { $2 = 1 } { print }'
    echo "done $1"
}

cmd_edit() {
    [ "$#" -ge 2 ] || usage
    local id=$1 text
    shift
    text="$*"
    text=${text//$'\t'/ }
    [ -n "$text" ] || usage
    check_id "$id"
    # The text goes through the environment: awk -v would interpret its backslashes.
    TODO_TEXT=$text rewrite -v id="$id" '$1 == id { $3 = ENVIRON["TODO_TEXT"] } { print }'
    echo "edited $id"
}

cmd_rm() {
    [ "$#" -eq 1 ] || usage
    check_id "$1"
    rewrite -v id="$1" '$1 != id { print }'
    echo "removed $1"
}

[ "$#" -ge 1 ] || usage
command=$1
shift
ensure_file
case $command in
    add) cmd_add "$@" ;;
    list) cmd_list "$@" ;;
    done) cmd_done "$@" ;;
    edit) cmd_edit "$@" ;;
    rm) cmd_rm "$@" ;;
    *) usage ;;
esac
