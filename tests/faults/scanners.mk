# tests/faults/scanners.mk: the scanners fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
