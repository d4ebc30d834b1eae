# tests/faults/outputs.mk: the outputs fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
TESTS += tests/faults/symlinks.sh
EXTRA_DIST += tests/faults/symlinks.sh
