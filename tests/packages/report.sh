# report.sh -- the package checks' results (sourced, bash): one PASS/FAIL/SKIP line per check
# on stdout and, when a folder is given, one automake-style ci-packages-NAME.trs per check, so
# .ci/run's summary counts every check.
pk_passed=0 pk_failed=0 pk_skipped=0
pk_trs_dir=

pk_report_init() { pk_trs_dir=$1; [ -z "$pk_trs_dir" ] || mkdir -p "$pk_trs_dir"; }

pk_record() {     # NAME PASS|FAIL|SKIP DETAIL
  local name=$1 res=$2 detail=$3
  case $res in
    PASS) pk_passed=$((pk_passed + 1));;
    FAIL) pk_failed=$((pk_failed + 1));;
    SKIP) pk_skipped=$((pk_skipped + 1));;
  esac
  echo "$res: $name${detail:+: $detail}"
  [ -z "$pk_trs_dir" ] ||
    printf ':test-result: %s\n:global-test-result: %s\n:recheck: no\n:copy-in-global-log: no\n' \
      "$res" "$res" > "$pk_trs_dir/ci-packages-$name.trs"
}

pk_report_finish() {
  echo "packages: $pk_passed passed, $pk_failed failed, $pk_skipped skipped"
  [ $pk_failed -eq 0 ]
}
