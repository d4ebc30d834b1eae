# Live capture on the loopback interface (needs root; skips otherwise).
TESTS += tests/live/live-capture.sh
EXTRA_DIST += tests/live/live-capture.sh
