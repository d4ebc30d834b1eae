# tests/faults/signals.mk: the signals fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
# signals.sh: SIGINT/TERM/HUP on pipe, FIFO, file and live input, forced stops; lock.sh: one
# output folder, one run; settings.sh: core setting validation; streaming.sh: pipe input is
# processed record by record.
TESTS += tests/faults/signals.sh tests/faults/lock.sh tests/faults/settings.sh tests/faults/streaming.sh
EXTRA_DIST += tests/faults/signals.sh tests/faults/lock.sh tests/faults/settings.sh tests/faults/streaming.sh \
	tests/faults/pcap_feeder.py tests/faults/gen_slow_flows.py
