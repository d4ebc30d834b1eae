# tests/faults/signals.mk: the signals fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
