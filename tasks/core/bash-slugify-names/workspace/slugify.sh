#!/usr/bin/env bash
# slugify.sh [-n] DIR: rename the files of DIR to URL-safe names (see the task description).
echo "slugify: not implemented yet" >&2
exit 1
