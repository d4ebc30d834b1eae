# tests/decode/tunnels.mk: tunnel and handshake (ISN) cases (TESTS += ...; EXTRA_DIST += ...).
TESTS += tests/decode/tunnels.sh
EXTRA_DIST += tests/decode/tunnels.sh
