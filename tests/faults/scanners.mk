# tests/faults/scanners.mk: the scanners fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
# scanner-faults.sh loads the fixture tests/unit/host/fix_faulty.la (a check_LTLIBRARIES
# entry of core/host/local.mk, built before the tests run).
TESTS += tests/faults/scanner-faults.sh tests/faults/exec-hang.sh
EXTRA_DIST += tests/faults/scanner-faults.sh tests/faults/exec-hang.sh
