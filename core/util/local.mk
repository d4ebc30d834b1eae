libtcpflowcore_la_SOURCES += core/util/timestamp.h core/util/timestamp.cpp core/util/unique_fd.h core/util/monotonic_ms.h core/util/full_io.h core/util/lazy_string.h
