#!/usr/bin/env bash
# Chromium for the browser tests (operator dashboard, web chat page), without downloading a browser at test time.
#
#   chromium.sh ensure   print the path of a Chromium or Chrome binary, installing Debian's chromium when missing
#
# MARQUEE_CHROMIUM names a binary to use as it is. Otherwise the first of chromium, chromium-browser,
# google-chrome-stable and google-chrome on the PATH is used; when none is there and this runs as root on a
# Debian-like system, the 'chromium' package is installed with apt-get.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

find_browser() {
  if [ -n "${MARQUEE_CHROMIUM:-}" ]; then
    [ -x "$MARQUEE_CHROMIUM" ] && { echo "$MARQUEE_CHROMIUM"; return; }
    log "MARQUEE_CHROMIUM=$MARQUEE_CHROMIUM is not an executable"; return 1
  fi
  local name
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$name" 2>/dev/null && return
  done
  return 1
}

case "${1:-ensure}" in
  ensure)
    if find_browser; then exit 0; fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing Chromium from the system packages (apt-get install chromium)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 || true
      apt-get install -y -qq chromium >&2
      find_browser && exit 0
    fi
    log "no Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set MARQUEE_CHROMIUM."
    exit 1
    ;;
  *)
    echo "usage: chromium.sh ensure" >&2; exit 2
    ;;
esac
