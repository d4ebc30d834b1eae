# tests/decode/linklayers.mk: link-layer cases (TESTS += ...; EXTRA_DIST += ...).
