# tests/features: progress line, JSON flow log, folder input (issue 14).
