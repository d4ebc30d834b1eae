# The -j pipeline: batches, the bounded queue between the reader and the workers,
# a worker's flow table and sinks, and the dispatcher that feeds the workers.
libtcpflowcore_la_SOURCES += \
	core/pipeline/page_buffer.h core/pipeline/page_buffer.cpp \
	core/pipeline/segment_batch.h core/pipeline/segment_batch.cpp \
	core/pipeline/bounded_queue.h \
	core/pipeline/shared_sink.h \
	core/pipeline/worker.h core/pipeline/worker.cpp \
	core/pipeline/dispatcher.h core/pipeline/dispatcher.cpp

check_PROGRAMS += tests/unit/test_pipeline
TESTS += tests/unit/test_pipeline
tests_unit_test_pipeline_SOURCES = $(unit_runner_src) \
	tests/unit/pipeline/test_segment_batch.cpp tests/unit/pipeline/test_bounded_queue.cpp \
	tests/unit/pipeline/test_page_buffer.cpp
tests_unit_test_pipeline_CXXFLAGS = $(unit_cxxflags)
tests_unit_test_pipeline_LDADD = $(unit_ldadd)
