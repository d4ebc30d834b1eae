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
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/replay_main.cpp tests/fuzz/run-fuzzers.sh

# The http scanner's parser and the content decoder (owned by plugins/http,
# plugins/gzip): their sources are compiled in here, so the targets need no
# plugin library. Seeds: tests/fuzz/corpus/http, tests/fuzz/corpus/gzip.
fuzz_http_sources = tests/fuzz/fuzz_http.cpp plugins/http/header_fields.cpp plugins/http/start_line.cpp \
	plugins/http/body_framing.cpp plugins/http/chunked_decoder.cpp plugins/http/message_parser.cpp
fuzz_http_cppflags = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/http
fuzz_gzip_sources = tests/fuzz/fuzz_gzip.cpp plugins/gzip/content_coding.cpp plugins/gzip/zlib_stage.cpp \
	plugins/gzip/brotli_stage.cpp plugins/gzip/content_decoder.cpp
fuzz_gzip_cppflags = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/gzip
fuzz_gzip_libs = $(ZLIB_LIBS)
if HAVE_BROTLI
fuzz_gzip_libs += $(BROTLI_LIBS)
endif
if ENABLE_FUZZING
check_PROGRAMS += tests/fuzz/fuzz_http tests/fuzz/fuzz_gzip
tests_fuzz_fuzz_http_SOURCES = $(fuzz_http_sources)
tests_fuzz_fuzz_http_CPPFLAGS = $(fuzz_http_cppflags)
tests_fuzz_fuzz_http_CXXFLAGS = $(AM_CXXFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_http_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_gzip_SOURCES = $(fuzz_gzip_sources)
tests_fuzz_fuzz_gzip_CPPFLAGS = $(fuzz_gzip_cppflags)
tests_fuzz_fuzz_gzip_CXXFLAGS = $(AM_CXXFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_gzip_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_gzip_LDADD = $(fuzz_gzip_libs)
else
check_PROGRAMS += tests/fuzz/fuzz_http_replay tests/fuzz/fuzz_gzip_replay
TESTS += tests/fuzz/fuzz_http_replay tests/fuzz/fuzz_gzip_replay
tests_fuzz_fuzz_http_replay_SOURCES = $(fuzz_http_sources) tests/fuzz/replay_main.cpp
tests_fuzz_fuzz_http_replay_CPPFLAGS = $(fuzz_http_cppflags)
tests_fuzz_fuzz_http_replay_CXXFLAGS = $(AM_CXXFLAGS) -DFUZZ_CORPUS_DIR='"$(fuzz_corpus_dir)/http"'
tests_fuzz_fuzz_gzip_replay_SOURCES = $(fuzz_gzip_sources) tests/fuzz/replay_main.cpp
tests_fuzz_fuzz_gzip_replay_CPPFLAGS = $(fuzz_gzip_cppflags)
tests_fuzz_fuzz_gzip_replay_CXXFLAGS = $(AM_CXXFLAGS) -DFUZZ_CORPUS_DIR='"$(fuzz_corpus_dir)/gzip"'
tests_fuzz_fuzz_gzip_replay_LDADD = $(fuzz_gzip_libs)
endif
