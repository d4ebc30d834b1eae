# tests/faults/reassembly.mk: the reassembly fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
TESTS += tests/faults/seq-jump.sh tests/faults/ooo-memory.sh tests/faults/ooo-no-file.sh
EXTRA_DIST += tests/faults/seq-jump.sh tests/faults/ooo-memory.sh tests/faults/ooo-no-file.sh \
	tests/faults/gen-reorder.py tests/faults/check-segments.py
