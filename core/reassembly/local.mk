# Stream reassembly: one TCP direction, sequence numbers -> ordered bytes + gaps.
libtcpflowcore_la_SOURCES += \
	core/reassembly/overlap_policy.h \
	core/reassembly/sequence_space.h \
	core/reassembly/pending_blocks.h \
	core/reassembly/pending_blocks.cpp \
	core/reassembly/spilled_ranges.h \
	core/reassembly/spilled_ranges.cpp \
	core/reassembly/stream_reassembler.h \
	core/reassembly/stream_reassembler.cpp

check_PROGRAMS += tests/unit/test_reassembly
TESTS += tests/unit/test_reassembly
tests_unit_test_reassembly_SOURCES = $(unit_runner_src) \
	tests/unit/reassembly/recording_output.h \
	tests/unit/reassembly/test_ordering.cpp \
	tests/unit/reassembly/test_overlaps.cpp \
	tests/unit/reassembly/test_sequence_wrap.cpp \
	tests/unit/reassembly/test_stream_start.cpp \
	tests/unit/reassembly/test_gaps_and_fin.cpp \
	tests/unit/reassembly/test_random_segments.cpp \
	tests/unit/reassembly/test_spill.cpp
tests_unit_test_reassembly_CXXFLAGS = $(unit_cxxflags)
tests_unit_test_reassembly_LDADD = $(unit_ldadd)
