# tests/decode/linklayers.mk: link-layer cases (TESTS += ...; EXTRA_DIST += ...).
TESTS += tests/decode/linklayers.sh
EXTRA_DIST += tests/decode/linklayers.sh
