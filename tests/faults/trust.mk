# tests/faults/trust.mk: the trust fault cases (TESTS += tests/faults/NAME.sh; EXTRA_DIST too).
# plugin-trust.sh: which plugin folders and libraries are loaded (ownership, modes, plugin_trust).
# plugin-lazy.sh: a run opens only the libraries it names (a fixture's constructor tells).
# live-drops.sh: live capture on lo keeps every byte of loopback bursts and says what it dropped.
TESTS += tests/faults/plugin-trust.sh tests/faults/plugin-lazy.sh tests/faults/live-drops.sh
EXTRA_DIST += tests/faults/plugin-trust.sh tests/faults/plugin-lazy.sh tests/faults/live-drops.sh

# A library that is not a scanner, only a constructor that leaves a mark (never installed).
check_LTLIBRARIES += tests/faults/constructor_marker.la
tests_faults_constructor_marker_la_SOURCES = tests/faults/fixtures/constructor_marker.cpp
tests_faults_constructor_marker_la_LDFLAGS = $(host_fixture_ldflags)
