# The program: option parsing, settings, the recorder pipeline and main().
libtcpflowcore_la_SOURCES += \
	core/app/options.h core/app/options.cpp \
	core/app/run_config.h core/app/core_settings.cpp \
	core/app/usage.h core/app/usage.cpp \
	core/app/signals.h core/app/signals.cpp \
	core/app/packet_counters.h \
	core/app/capture_stats_text.h core/app/capture_stats_text.cpp \
	core/app/privileges.h core/app/privileges.cpp \
	core/app/recorder.h core/app/recorder.cpp core/app/recorder_durability.cpp \
	core/app/recorder_stop.cpp core/app/recorder_workers.cpp core/app/recorder_summary.cpp \
	core/app/exit_status.h
libtcpflowcore_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DTCPFLOW_BUILD_CXXFLAGS='"$(CXXFLAGS)"' -DTCPFLOW_BUILD_LDFLAGS='"$(LDFLAGS)"' -DTCPFLOW_BUILD_LIBS='"$(LIBS) $(PCAP_LIBS) $(ZLIB_LIBS)"'

bin_PROGRAMS += tcpflow
tcpflow_SOURCES = core/app/main.cpp
tcpflow_LDADD = libtcpflowcore.la
