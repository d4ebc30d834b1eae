#!/usr/bin/env bash
# ci-deps.sh -- the one list of Debian 12 packages needed to build tcpflow and run all its
# tests (build, make check, make distcheck, the sanitizer run, the benchmark, the packages).
#   tests/ci-deps.sh            install them (as root: apt-get update + apt-get install -y)
#   tests/ci-deps.sh --print    print the list, one line
set -euo pipefail
PACKAGES=(
  # build
  build-essential autoconf automake libtool pkg-config
  libpcap-dev zlib1g-dev libssl-dev libboost-dev libboost-filesystem-dev libyaml-cpp-dev
  libcppunit-dev libcairo2-dev libbrotli-dev
  # sanitizer / fuzz builds
  clang libclang-rt-14-dev
  # tests: reference tcpflow 1.6.1, truth tools, report checks
  python3 tcpflow tshark tcpdump libxml2-utils poppler-utils python3-jsonschema
  # tests/sdk/man-page.sh: the man page renders without warnings
  groff-base
  # tests/shards/slurm.sh: a one-node Slurm for the sharding recipe (doc/sharding.md)
  slurm-wlm munge
  # benchmark capture generation (../shared/bench/make-data.sh)
  iproute2 curl nginx
  # distribution packages (tests/packages/check-packages.sh): build, lint, RPM, a debootstrap root
  debhelper dpkg-dev fakeroot lintian rpm debootstrap
)
if [ "${1:-}" = --print ]; then echo "${PACKAGES[*]}"; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${PACKAGES[@]}"
