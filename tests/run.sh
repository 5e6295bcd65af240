#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, then runs the whole suite.
# Usage: bash tests/run.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen platform needs a few system libraries; fonts so screens render text;
# poppler for looking at PDFs. Installed only when missing, and only where apt-get can run.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for pkg in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
             fonts-dejavu-core poppler-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,build]'

export QT_QPA_PLATFORM=offscreen
# The slow tests (the bundle build, processes killed mid-write) mostly wait on other processes
# or keep a second core busy: they run beside the rest, in a pytest of their own with its own
# home folder (so the two never share settings files), and both must pass.
slow_home=$(mktemp -d)
slow_log=$(mktemp)
trap 'rm -rf "$slow_home" "$slow_log"' EXIT
HOME="$slow_home" .venv/bin/python -m pytest -q -m slow -p no:cacheprovider "$@" >"$slow_log" 2>&1 &
slow_pid=$!
set +e
# The rest is shared between two worker processes (pytest-xdist), a test file per worker at a
# time, so both cores stay busy once the slow tests are done.
.venv/bin/python -m pytest -q -m "not slow" -n 2 --dist loadfile "$@"
fast=$?
wait "$slow_pid"
slow=$?
set -e
echo "--- the slow tests, run beside the others ---"
cat "$slow_log"
if [ "$fast" = 5 ] && [ "$slow" = 5 ]; then
  echo "pytest collected no tests: that is a failure of the test setup, not a pass." >&2
  exit 1
fi
# One half finding nothing to run (5) is fine when the other ran: a selection of only fast or
# only slow tests.
[ "$fast" = 5 ] && fast=0
[ "$slow" = 5 ] && slow=0
if [ "$fast" != 0 ]; then exit "$fast"; fi
exit "$slow"
