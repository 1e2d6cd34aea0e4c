#!/usr/bin/env bash
# Make sure a Docker engine answers. If none does and we are root on Debian/Ubuntu, install docker.io
# (and debootstrap, for offline base images) and start dockerd in the background.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: no Docker engine answers; start one (or run this script as root on Debian/Ubuntu)" >&2
  exit 2
fi
if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  echo "installing docker.io and debootstrap with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
  echo "starting dockerd (log: /var/log/harness-dockerd.log)" >&2
  nohup dockerd >/var/log/harness-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
fi
if ! docker info >/dev/null 2>&1; then
  echo "error: dockerd did not come up; see /var/log/harness-dockerd.log" >&2
  tail -5 /var/log/harness-dockerd.log >&2 || true
  exit 2
fi
