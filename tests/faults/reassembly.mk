# tests/faults/reassembly.mk: the reassembly fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
