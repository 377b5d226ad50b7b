#!/usr/bin/env bash
# Installs the system packages kwfilter builds against, when they are missing (Debian/Ubuntu).
# Safe to run again: it does nothing when everything is there.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists libpcre2-8 2>/dev/null || need+=(libpcre2-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
