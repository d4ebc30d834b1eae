# tests/sdk/lib.sh -- shared by the tests/sdk scripts; source it after tests/faults/lib.sh.

# sdk_check_refusals [ARG...]: a refusal table on stdin, one row per case:
#   name | the line expected on stderr (grep -F) | arguments
# Each case runs "$bin" ARG... arguments -r "$pcap" -o OUT from $work and must exit 2,
# create no output folder and print exactly one line holding the expected text.
sdk_check_refusals() {
  local name expect args out rc
  while IFS='|' read -r name expect args; do
    name=$(echo $name) expect=$(echo $expect)
    [ -z "$name" ] && continue
    out=$work/$name
    rc=0
    (cd "$work" && timeout 60 "$bin" "$@" $args -r "$pcap" -o "$out") >/dev/null 2>"$work/$name.err" || rc=$?
    if [ "$rc" != 2 ]; then tf_case_fail "$name" "exit $rc, expected 2: $(cat "$work/$name.err")"
    elif [ -e "$out" ]; then tf_case_fail "$name" "the output folder was created"
    elif [ "$(wc -l <"$work/$name.err")" != 1 ] || ! grep -qF -- "$expect" "$work/$name.err"; then
      tf_case_fail "$name" "expected one line with '$expect', got: $(cat "$work/$name.err")"
    else tf_case_pass "$name"; fi
  done
}
