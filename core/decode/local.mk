# Packet decoding: link layers, VLAN/MPLS/PPPoE, tunnels, IPv4/IPv6 with
# fragment reassembly, TCP. Entry point: decoder.h.
libtcpflowcore_la_SOURCES += \
	core/decode/packet.h \
	core/decode/decoder.h core/decode/decoder.cpp \
	core/decode/defrag.h core/decode/defrag.cpp \
	core/decode/layers.h core/decode/wire.h \
	core/decode/link.cpp \
	core/decode/ethernet.cpp \
	core/decode/mpls.cpp \
	core/decode/ppp.cpp \
	core/decode/llc.cpp core/decode/lan_mac.cpp \
	core/decode/ieee80211.cpp core/decode/radio_headers.cpp core/decode/capwap.cpp \
	core/decode/nflog.cpp core/decode/pflog.cpp core/decode/arcnet.cpp \
	core/decode/ipoib.cpp core/decode/gprs_llc.cpp core/decode/capture_headers.cpp core/decode/erf.cpp \
	core/decode/ipv4.cpp \
	core/decode/ipv6.cpp \
	core/decode/tunnel.cpp \
	core/decode/udp_tunnels.h core/decode/udp_tunnels.cpp \
	core/decode/geneve.cpp core/decode/gtpu.cpp core/decode/l2tp.cpp \
	core/decode/teredo.cpp core/decode/vxlan_gpe.cpp \
	core/decode/tcp.cpp

check_PROGRAMS += tests/unit/test_decode
TESTS += tests/unit/test_decode
tests_unit_test_decode_SOURCES = $(unit_runner_src) \
	tests/unit/decode/frames.h \
	tests/unit/decode/test_link.cpp \
	tests/unit/decode/test_linklayers.cpp \
	tests/unit/decode/test_ip_tcp.cpp \
	tests/unit/decode/test_tunnel.cpp \
	tests/unit/decode/test_udp_tunnels.cpp \
	tests/unit/decode/test_defrag.cpp \
	tests/unit/decode/test_captures.cpp
tests_unit_test_decode_CXXFLAGS = $(unit_cxxflags) \
	-DDECODE_TESTDATA='"$(abs_top_srcdir)/tests/unit/decode"'
tests_unit_test_decode_LDADD = $(unit_ldadd) $(PCAP_LIBS)
EXTRA_DIST += \
	tests/unit/decode/captures/MANIFEST.tsv \
	tests/unit/decode/captures/ipv4-frag-tcp.pcap \
	tests/unit/decode/captures/ipv6-frag-vlan-tcp.pcap \
	tests/unit/decode/captures/ipip-tcp.pcap \
	tests/unit/decode/captures/sll2-http.pcap \
	tests/unit/decode/captures/rawip4-linktype228.pcap \
	tests/unit/decode/captures/mpls-in-vlan-nosyn.pcap \
	tests/unit/decode/captures/ipv6-http-atomic-frag.pcap \
	tests/unit/decode/captures/gre-tcp.pcap \
	tests/unit/decode/captures/vxlan-http.pcap \
	tests/unit/decode/captures/ipv6-http-null.pcap \
	tests/unit/decode/captures/pppoe-qinq-tcp.pcap
