# tests/faults/durability.mk: the durability fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
