libtcpflowcore_la_SOURCES += \
	core/flow/flow_key.h core/flow/flow_key.cpp core/flow/flow_bucket.h \
	core/flow/flow_info.h core/flow/flow_sink.h \
	core/flow/connection_id.h core/flow/connection_id.cpp \
	core/flow/closed_flows.h core/flow/closed_flows.cpp \
	core/flow/isn_candidates.h core/flow/isn_candidates.cpp \
	core/flow/scratch_spill.h core/flow/scratch_spill.cpp \
	core/flow/flow_table.h core/flow/flow_table.cpp

check_PROGRAMS += tests/unit/test_flow
TESTS += tests/unit/test_flow
tests_unit_test_flow_SOURCES = $(unit_runner_src) \
	tests/unit/flow/recording_sink.h tests/unit/flow/test_flow_table.cpp \
	tests/unit/flow/test_scratch_spill.cpp \
	tests/unit/flow/test_connection_id.cpp tests/unit/flow/test_flow_info.cpp
tests_unit_test_flow_CXXFLAGS = $(unit_cxxflags)
tests_unit_test_flow_LDADD = $(unit_ldadd)
