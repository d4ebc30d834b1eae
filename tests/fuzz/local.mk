# Fuzz targets (owned by tests/fuzz/). Each target defines LLVMFuzzerTestOneInput.
#
# With --enable-fuzzing (clang, libFuzzer) they are real fuzzers; build the core
# instrumented too, e.g.
#   CXX=clang++ CXXFLAGS='-g -O1 -fsanitize=fuzzer-no-link,address,undefined' \
#     ./configure --enable-fuzzing && make check
#   mkdir -p work && tests/fuzz/fuzz_decode -max_total_time=120 work $(srcdir)/tests/fuzz/corpus/decode
# (libFuzzer writes new inputs into the FIRST folder: keep the seeds read-only).
# Without it, the same source is linked with replay_main.cpp and `make check`
# replays the seed corpus (and any crash input added to it) once.
fuzz_corpus_dir = $(abs_top_srcdir)/tests/fuzz/corpus

if ENABLE_FUZZING
check_PROGRAMS += tests/fuzz/fuzz_decode
tests_fuzz_fuzz_decode_SOURCES = tests/fuzz/fuzz_decode.cpp
tests_fuzz_fuzz_decode_CXXFLAGS = $(AM_CXXFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_decode_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_decode_LDADD = libtcpflowcore.la
else
check_PROGRAMS += tests/fuzz/fuzz_decode_replay
TESTS += tests/fuzz/fuzz_decode_replay
tests_fuzz_fuzz_decode_replay_SOURCES = tests/fuzz/fuzz_decode.cpp tests/fuzz/replay_main.cpp
tests_fuzz_fuzz_decode_replay_CXXFLAGS = $(AM_CXXFLAGS) \
	-DFUZZ_CORPUS_DIR='"$(fuzz_corpus_dir)/decode"'
tests_fuzz_fuzz_decode_replay_LDADD = libtcpflowcore.la
endif

# The corpus folder is distributed whole (seed names are not worth listing).
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/replay_main.cpp
