#!/usr/bin/env bash
# import-from-shared.sh -- (re)build tests/data from the project's shared capture corpus.
#
# usage: tests/data/import-from-shared.sh [SHARED_DIR]   (default: <repo>/../shared)
#
# Copies the small captures of SHARED_DIR/pcaps (with their MANIFEST.tsv lines) and their
# tshark truth folders (SHARED_DIR/pcaps-truth/<capture>/) into tests/data/ and
# tests/data/truth/<capture>/.  Big captures are left out, or stored gzip-compressed
# (tcpflow reads .gz directly; their truth folder is named without .gz).  Truth payload
# files bigger than TRUTH_MAX bytes (default 16384) are replaced by a line in the folder's
# SHA256SUMS ("<sha256>  <file>", sha256sum format) to keep the source tarball small;
# tests/e2e/truth-compare.py accepts either form.  The crafted captures (crafted-*) are made
# by tests/data/craft-pcaps.py and are not touched here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${1:-$(dirname "$(dirname "$(dirname "$here")")")/shared}
TRUTH_MAX=${TRUTH_MAX:-16384}
SKIP='^(many-flows-echo-500\.pcap)$'          # too big even compressed (1.9 MB); bench uses it
GZIP_THESE='^(aruba-gre-80211-qos-http\.pcap|http-keepalive-1000-requests-gap\.pcap|truncated-last-record-http-mime\.pcap)$'

[ -d "$shared/pcaps" ] || { echo "no $shared/pcaps" >&2; exit 1; }
cd "$here"
find . -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.gz' \) ! -name 'crafted-*' -delete
find truth -mindepth 1 -maxdepth 1 -type d ! -name 'crafted-*' -exec rm -rf {} + 2>/dev/null || true
mkdir -p truth
head -1 "$shared/pcaps/MANIFEST.tsv" > MANIFEST.tsv.new
tail -n +2 "$shared/pcaps/MANIFEST.tsv" | while IFS= read -r line; do
  name=${line%%$'\t'*}
  [[ $name =~ $SKIP ]] && continue
  [ -f "$shared/pcaps/$name" ] || continue
  if [[ $name =~ $GZIP_THESE ]]; then
    gzip -9 -n -c "$shared/pcaps/$name" > "$name.gz"
    printf '%s.gz\t%s\n' "$name" "${line#*$'\t'}" >> MANIFEST.tsv.new
  else
    cp "$shared/pcaps/$name" "$name"; chmod 644 "$name"
    printf '%s\n' "$line" >> MANIFEST.tsv.new
  fi
  src="$shared/pcaps-truth/$name"; dst="truth/$name"
  [ -d "$src" ] || continue
  mkdir -p "$dst"
  : > "$dst/SHA256SUMS"
  for f in "$src"/*; do
    b=$(basename "$f")
    if [[ $b =~ ^[0-9]+- ]] && [ "$(stat -c %s "$f")" -gt "$TRUTH_MAX" ]; then
      (cd "$src" && sha256sum -- "$b") >> "$dst/SHA256SUMS"
    else
      cp "$f" "$dst/$b"; chmod 644 "$dst/$b"
    fi
  done
  [ -s "$dst/SHA256SUMS" ] || rm -f "$dst/SHA256SUMS"
  # tshark's warning names the capture's original path; keep it as is (informational).
done
# crafted captures keep their manifest lines (appended by craft-pcaps.py)
[ -f MANIFEST.tsv ] && grep -P '^crafted-' MANIFEST.tsv >> MANIFEST.tsv.new || true
mv MANIFEST.tsv.new MANIFEST.tsv
du -sh --apparent-size . | sed 's/^/tests\/data: /'
