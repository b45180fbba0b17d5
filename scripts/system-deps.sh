#!/usr/bin/env bash
# Installs the two Debian programs the test suite drives for real: a PostgreSQL server (the
# storage suite runs against it) and Chromium (the browser tests). Nothing happens when both are
# already there; without root or sudo it says what to install and leaves the tests to skip.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "system-deps: please install with apt: ${missing[*]} (browser/PostgreSQL tests will skip)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: installed ${missing[*]}"
