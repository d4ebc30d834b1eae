#!/bin/bash
# The JSON flow log (issue 14 point 2): --json FILE, --json -, -S json=FILE and the YAML core
# key write the same JSON Lines; every line of the log of every tests/data capture (and of
# ../shared/pcaps when present, within a time budget) is valid against doc/flow-log.schema.json
# and agrees with report.xml (connection ids, files, sizes, packets, MD5 digests, HTTP bodies);
# the checker itself catches a wrong digest; bad uses end with one line and a non-zero exit.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
check=$srcdir/tests/features/flowlog-check.py
schema=$srcdir/doc/flow-log.schema.json
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  tf_case_skip all "python3-jsonschema is not installed (tests/ci-deps.sh installs it)"
  tf_finish
fi
scanners=(-e http -e gzip -e md5)

# run_and_check NAME CAPTURE: one capture, log validated and cross-checked with the report.
run_and_check() {
  local name=$1 cap=$2 out=$work/run-$1 rc
  timeout 120 "$bin" "${scanners[@]}" -r "$cap" -o "$out" --json "$out.jsonl" >/dev/null 2>"$out.err"
  rc=$?
  if [ $rc -ge 124 ]; then tf_case_fail "$name" "tcpflow ended with $rc (timeout or signal)"; return; fi
  if [ ! -s "$out.jsonl" ]; then tf_case_fail "$name" "no JSON log (rc $rc): $(head -c 300 "$out.err")"; return; fi
  if ! msg=$(python3 "$check" "$out.jsonl" "$schema" "$out/report.xml" 2>&1); then
    tf_case_fail "$name" "$(echo "$msg" | head -5)"
    return
  fi
  tf_case_pass "$name"
  rm -rf "$out"
}

for cap in "$data"/*.pcap "$data"/*.pcapng "$data"/*.cap "$data"/*.gz; do
  [ -f "$cap" ] || continue
  run_and_check "data:$(basename "$cap")" "$cap"
done

# The shared corpus: as many captures as fit in the budget (a skipped rest is said, not counted).
budget=${FEATURES_CORPUS_SECONDS:-120}
if [ -d "$shared/pcaps" ]; then
  start=$SECONDS left=0
  for cap in "$shared"/pcaps/*.pcap "$shared"/pcaps/*.pcapng "$shared"/pcaps/*.gz; do
    [ -f "$cap" ] || continue
    if [ $((SECONDS - start)) -ge "$budget" ]; then left=$((left + 1)); continue; fi
    run_and_check "shared:$(basename "$cap")" "$cap"
  done
  [ $left -gt 0 ] && tf_case_skip shared-rest "$left shared captures not run: time budget of ${budget}s spent"
else
  tf_case_skip shared "no $shared/pcaps"
fi

# The checker can fail: one MD5 digest changed in a good log.
pcap=$data/http-get-gzip.pcap
timeout 60 "$bin" "${scanners[@]}" -r "$pcap" -o "$work/good" --json "$work/good.jsonl" 2>/dev/null
sed '0,/"text":"[0-9a-f]\{32\}"/s//"text":"00000000000000000000000000000000"/' "$work/good.jsonl" >"$work/bad.jsonl"
if cmp -s "$work/good.jsonl" "$work/bad.jsonl"; then
  tf_case_fail checker-fails "no digest in the log to change"
elif python3 "$check" "$work/bad.jsonl" "$schema" "$work/good/report.xml" >/dev/null; then
  tf_case_fail checker-fails "a changed digest was not noticed"
else
  tf_case_pass checker-fails
fi
# ... and notices a line that breaks the schema.
sed '1s/"type":"connection"/"type":"connexion"/' "$work/good.jsonl" >"$work/bad2.jsonl"
if python3 "$check" "$work/bad2.jsonl" "$schema" >/dev/null; then tf_case_fail checker-schema "a bad type passed"
else tf_case_pass checker-schema; fi

# The same log whichever way it is asked for (only paths and the summary's rusage-free totals compared).
strip() { sed "s#$1/##g" "$2"; }
timeout 60 "$bin" "${scanners[@]}" -r "$pcap" -o "$work/stdout" --json - >"$work/stdout.jsonl" 2>/dev/null
timeout 60 "$bin" "${scanners[@]}" -r "$pcap" -o "$work/S" -S json="$work/S.jsonl" 2>/dev/null
printf 'core:\n  json: %s\n' "$work/yaml.jsonl" >"$work/cfg.yaml"
timeout 60 "$bin" "${scanners[@]}" --config "$work/cfg.yaml" -r "$pcap" -o "$work/yaml" 2>/dev/null
for way in stdout S yaml; do
  if diff <(strip "$work/good" "$work/good.jsonl") <(strip "$work/$way" "$work/$way.jsonl") >/dev/null; then
    tf_case_pass "same-log:$way"
  else
    tf_case_fail "same-log:$way" "differs from --json FILE"
  fi
done

# Both directions in one object, with the report's connection id on both records.
n=$(grep -c '"type":"connection"' "$work/good.jsonl")
ids=$(grep -o "connection_id='C[a-z2-7]*'" "$work/good/report.xml" | sort -u | wc -l)
dirs=$(grep -o '"src":' "$work/good.jsonl" | wc -l)
if [ "$n" = 1 ] && [ "$ids" = 1 ] && [ "$dirs" = 2 ]; then tf_case_pass one-object-two-directions
else tf_case_fail one-object-two-directions "connections=$n ids=$ids directions=$dirs"; fi

# -FX: no files, the log still lists the connection, with no "file".
timeout 60 "$bin" -FX -r "$pcap" -o "$work/fx" --json "$work/fx.jsonl" 2>/dev/null
if [ "$(grep -c '"type":"connection"' "$work/fx.jsonl")" = 1 ] && ! grep -q '"file":' "$work/fx.jsonl" &&
   python3 "$check" "$work/fx.jsonl" "$schema" >/dev/null; then tf_case_pass FX-no-files
else tf_case_fail FX-no-files "$(head -c 300 "$work/fx.jsonl")"; fi

# Bad uses: one line on stderr, the documented exit status.
bad_case() {  # NAME RC REGEX ARGS...
  local name=$1 want=$2 re=$3 rc
  shift 3
  timeout 60 "$bin" "$@" >/dev/null 2>"$work/$name.err"
  rc=$?
  if [ $rc = "$want" ] && [ "$(grep -vc '^reportfilename:' "$work/$name.err")" = 1 ] && grep -q "$re" "$work/$name.err"; then
    tf_case_pass "$name"
  else
    tf_case_fail "$name" "rc $rc (want $want): $(head -c 300 "$work/$name.err")"
  fi
}
bad_case json-stdout-with-c 2 'standard output' -c -r "$pcap" --json -
echo x >"$work/afile"
bad_case json-not-a-folder 1 'afile' -r "$pcap" -o "$work/nf" --json "$work/afile/x.jsonl"
bad_case json-empty-name 2 'needs a file name' -r "$pcap" -o "$work/en" --json ''
tf_finish
