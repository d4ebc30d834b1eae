# Console output (-c -C -0 -D -g -B -s -J -L -b): a sink printing the reassembled streams.
libtcpflowcore_la_SOURCES += \
	core/console/console_config.h \
	core/console/base64.h core/console/base64.cpp \
	core/console/printable_text.h core/console/printable_text.cpp \
	core/console/hex_dump.h core/console/hex_dump.cpp \
	core/console/json_record.h core/console/json_record.cpp \
	core/console/named_semaphore.h core/console/named_semaphore.cpp \
	core/console/console_sink.h core/console/console_sink.cpp

check_PROGRAMS += tests/unit/test_console
TESTS += tests/unit/test_console
tests_unit_test_console_SOURCES = $(unit_runner_src) \
	tests/unit/console/console_test_util.h \
	tests/unit/console/test_base64.cpp \
	tests/unit/console/test_hex_dump.cpp \
	tests/unit/console/test_json_record.cpp \
	tests/unit/console/test_named_semaphore.cpp \
	tests/unit/console/test_console_sink.cpp
tests_unit_test_console_CXXFLAGS = $(unit_cxxflags)
tests_unit_test_console_LDADD = $(unit_ldadd)
