#!/usr/bin/env bash
# inventory.sh [--team NAME] FILE: per-team report of a JSON service inventory.
set -u

usage() {
    echo "usage: inventory.sh [--team NAME] FILE" >&2
    exit 64
}

team=""
has_team=0
file=""
has_file=0
while [ "$#" -gt 0 ]; do
    case $1 in
        --team)
            [ "$#" -ge 2 ] || usage
            team=$2
            has_team=1
            shift 2
            ;;
        --team=*)
            team=${1#--team=}
            has_team=1
            shift
            ;;
        --)
            shift
            [ "$#" -eq 1 ] && [ "$has_file" -eq 0 ] || usage
            file=$1
            has_file=1
            shift
            ;;
        -?*)
            usage
            ;;
        *)
            [ "$has_file" -eq 0 ] || usage
            file=$1
            has_file=1
            shift
            ;;
    esac
done
[ "$has_file" -eq 1 ] || usage

if [ ! -f "$file" ] || [ ! -r "$file" ]; then
    echo "inventory: cannot read $file" >&2
    exit 2
fi

if ! jq -e -s 'length == 1 and (.[0] | type == "object" and (.services | type == "array"))' < "$file" > /dev/null 2>&1; then
    echo "inventory: invalid inventory: $file" >&2
    exit 1
fi

report=$(jq -r --arg team "$team" --argjson filter "$has_team" '
    def tag: split("@")[0] | split("/")[-1] | if test(":") then split(":")[-1] else "latest" end;
    [ .services[]
      | select(.enabled != false)
      | select($filter == 0 or .team == $team)
      | {team, name, replicas: (.replicas // 1), tag: (.image | tag)} ]
    | sort_by([.team, .name]) as $rows
    | ($rows[] | [.team, .name, (.replicas | tostring), .tag] | join("\t")),
      "total replicas: \([$rows[].replicas] | add // 0)"
' < "$file") || {
    echo "inventory: invalid inventory: $file" >&2
    exit 1
}
printf '%s\n' "$report"
