# tests/faults/trust.mk: the trust fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
