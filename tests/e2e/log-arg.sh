#!/bin/sh
# log-arg.sh LOG ARG -- append ARG (the path tcp_cmd was given) as one line to LOG.
# Used by the exec cases of tests/e2e/cases.tsv: -S tcp_cmd='sh @E2E@/log-arg.sh cmd.log'
printf '%s\n' "$2" >> "$1"
