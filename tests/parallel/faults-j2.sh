#!/usr/bin/env bash
# faults-j2.sh -- the automake log compiler of tests/parallel/j2/*.j2: runs the fault-injection
# script a .j2 file names (its one line: tests/faults/NAME.sh) with TCPFLOW_TEST_JOBS=2, so every
# tcpflow it starts runs with -j 2 (tests/faults/lib.sh). Its exit status is the script's.
# usage: faults-j2.sh tests/parallel/j2/NAME.j2
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
script=$(sed -n '/^tests\/faults\/[a-z0-9-]*\.sh$/p' "$1" | head -1)
[ -n "$script" ] && [ -f "$top/$script" ] || { echo "faults-j2: $1 names no tests/faults script" >&2; exit 99; }
TCPFLOW_TEST_JOBS=${TCPFLOW_TEST_JOBS:-2} exec bash "$top/$script"
