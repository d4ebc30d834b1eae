# tests/faults/signals.mk: the signals fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
TESTS += tests/faults/signals.sh
EXTRA_DIST += tests/faults/signals.sh tests/faults/pcap_feeder.py tests/faults/gen_slow_flows.py
TESTS += tests/faults/lock.sh
EXTRA_DIST += tests/faults/lock.sh
TESTS += tests/faults/settings.sh
EXTRA_DIST += tests/faults/settings.sh
