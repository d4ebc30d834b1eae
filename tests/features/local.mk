# tests/features: progress line, JSON flow log, folder input (issue 14).
TESTS += tests/features/progress.sh tests/features/json-flow-log.sh tests/features/folder-input.sh
EXTRA_DIST += tests/features/progress.sh tests/features/json-flow-log.sh tests/features/folder-input.sh \
	tests/features/progress-pty.py tests/features/flowlog-check.py
