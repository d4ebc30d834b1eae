# tests/faults/durability.mk: the durability fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
TESTS += tests/faults/kill9.sh tests/faults/kill9-objects.sh tests/faults/full-disk.sh
EXTRA_DIST += tests/faults/kill9.sh tests/faults/kill9-objects.sh tests/faults/full-disk.sh tests/faults/flowgen.py tests/faults/kill9_run.py
