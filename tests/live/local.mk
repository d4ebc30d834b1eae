# Tests that need root and the real system: live capture on the loopback
# interface, a full disk on a tiny tmpfs. Each skips (77) without root.
TESTS += tests/live/live-capture.sh tests/live/full-disk.sh
EXTRA_DIST += tests/live/live-capture.sh tests/live/full-disk.sh
