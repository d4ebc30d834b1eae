# Packet input: our own pcap/pcapng reader (plain or gzip), libpcap live
# capture, BPF filtering, and the classic-pcap writer.
libtcpflowcore_la_SOURCES += \
	core/capture/packet_source.h \
	core/capture/byte_order.h \
	core/capture/capture_limits.h \
	core/capture/byte_reader.h core/capture/byte_reader.cpp \
	core/capture/pcap_file_reader.h core/capture/pcap_file_reader.cpp \
	core/capture/pcapng_reader.h core/capture/pcapng_reader.cpp \
	core/capture/open_capture_file.cpp \
	core/capture/linktype.h core/capture/linktype.cpp \
	core/capture/live_capture.h core/capture/live_capture.cpp \
	core/capture/stop_request.cpp \
	core/capture/bpf_filter.h core/capture/bpf_filter.cpp \
	core/capture/pcap_writer.h core/capture/pcap_writer.cpp

check_PROGRAMS += tests/unit/test_capture
TESTS += tests/unit/test_capture
tests_unit_test_capture_SOURCES = $(unit_runner_src) \
	tests/unit/capture/capture_builder.h \
	tests/unit/capture/test_pcap_file_reader.cpp \
	tests/unit/capture/test_pcapng_reader.cpp \
	tests/unit/capture/test_real_captures.cpp \
	tests/unit/capture/test_bpf_filter.cpp \
	tests/unit/capture/test_pcap_writer.cpp \
	tests/unit/capture/test_live_capture.cpp \
	tests/unit/capture/test_stream_input.cpp
tests_unit_test_capture_CXXFLAGS = $(unit_cxxflags) \
	-DCAPTURE_TEST_DATA='"$(abs_top_srcdir)/tests/unit/capture"'
tests_unit_test_capture_LDADD = $(unit_ldadd)
EXTRA_DIST += \
	tests/unit/capture/MANIFEST.tsv \
	tests/unit/capture/nsec-http-to-ssh.pcap \
	tests/unit/capture/pcapng-126idb-ldap-gap.pcapng \
	tests/unit/capture/malformed-caplen-fuzz.pcap \
	tests/unit/capture/malformed-pcapng-shb-option-too-long.pcapng
