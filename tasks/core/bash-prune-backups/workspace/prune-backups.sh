#!/bin/bash
# prune-backups.sh DIR [COUNT]: keep the COUNT newest backups in DIR, delete the others.
cd $1
ls -t | tail -n +$((${2:-7} + 1)) | xargs rm -f
