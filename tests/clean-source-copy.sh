#!/usr/bin/env bash
# clean-source-copy.sh REPO DEST -- copy the project's sources (not its build products)
# into DEST, so a second, out-of-tree build can be configured even when REPO itself was
# configured in-tree (configure refuses a VPATH build from a configured source tree).
# Used by tests/e2e/sanitize.sh and tests/fuzz/run-fuzzers.sh.
set -euo pipefail
repo=$1 dest=$2
mkdir -p "$dest"
if [ -e "$repo/.git" ] && command -v git >/dev/null; then
  (cd "$repo" && git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do
     if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done | xargs -0 cp -a --parents -t "$dest")
else
  (cd "$repo" && tar --exclude=./_build --exclude='./tcpflow-*' -cf - .) | (cd "$dest" && tar -xf -)
  [ -f "$dest/Makefile" ] && (cd "$dest" && make distclean) > /dev/null 2>&1 || true
fi
