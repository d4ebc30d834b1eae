# tests/decode/tunnels.mk: tunnel and handshake (ISN) cases (TESTS += ...; EXTRA_DIST += ...).
