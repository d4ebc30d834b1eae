// IPv4, IPv6 extension headers and TCP: lengths, bounds and malformed headers.
#include <cppunit/extensions/HelperMacros.h>

#include "decode/decoder.h"
#include "frames.h"

using namespace tcpflow;
using namespace tcpflow::testframes;

class IpTcpTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(IpTcpTest);
    CPPUNIT_TEST(ethernet_padding_is_not_payload);
    CPPUNIT_TEST(ipv4_total_length_zero_means_what_was_captured);
    CPPUNIT_TEST(ipv4_total_length_past_an_uncut_frame_is_clamped);
    CPPUNIT_TEST(snaplen_cut_keeps_the_declared_length_apart);
    CPPUNIT_TEST(ipv4_options_are_skipped);
    CPPUNIT_TEST(ipv4_ihl_below_five_is_malformed);
    CPPUNIT_TEST(ipv4_ihl_past_capture_is_truncated);
    CPPUNIT_TEST(ipv4_total_length_below_header_is_malformed);
    CPPUNIT_TEST(ip_version_mismatch_is_malformed);
    CPPUNIT_TEST(tcp_data_offset_below_five_is_malformed);
    CPPUNIT_TEST(tcp_data_offset_past_ip_payload_is_malformed);
    CPPUNIT_TEST(tcp_header_past_capture_is_truncated);
    CPPUNIT_TEST(tcp_options_are_skipped);
    CPPUNIT_TEST(non_tcp_protocols_are_not_tcp);
    CPPUNIT_TEST(ipv6_extension_header_chain_is_walked);
    CPPUNIT_TEST(ipv6_atomic_fragment_is_unwrapped);
    CPPUNIT_TEST(ipv6_esp_and_no_next_header_are_not_tcp);
    CPPUNIT_TEST(ipv6_extension_header_past_payload_is_malformed);
    CPPUNIT_TEST(ipv6_payload_length_is_clamped_to_capture);
    CPPUNIT_TEST(ipv6_payload_length_zero_means_what_was_captured);
    CPPUNIT_TEST(every_prefix_with_options_and_extension_headers_is_safe);
    CPPUNIT_TEST(stats_count_each_outcome);
    CPPUNIT_TEST_SUITE_END();

public:
    void ethernet_padding_is_not_payload() {
        // 1 byte of data, padded to the 60-byte Ethernet minimum (tcpflow 1.6.1 stored 6 bytes).
        Bytes f = ether(0x0800) + ipv4(tcp(text("x")));
        f.resize(60, 0);
        Result r = run(1, f);
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("x"), r.payload);
        CPPUNIT_ASSERT_EQUAL(uint32_t(1), r.seg.payload_wire_len);
    }

    void ipv4_total_length_zero_means_what_was_captured() {
        Ip4 h;
        h.total = 0;
        Result r = run(101, ipv4(h, tcp(text("segmentation offload"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("segmentation offload"), r.payload);
    }

    void ipv4_total_length_past_an_uncut_frame_is_clamped() {
        Ip4 h;
        h.total = 2000;
        Result r = run(101, ipv4(h, tcp(text("abc"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint32_t(3), r.seg.payload_len);
        CPPUNIT_ASSERT_EQUAL(uint32_t(3), r.seg.payload_wire_len);
    }

    void snaplen_cut_keeps_the_declared_length_apart() {
        const Bytes whole = ipv4(tcp(text("0123456789")));
        Decoder d;
        Result r = run(d, 101, slice(whole, 0, whole.size() - 4), Timestamp(), int(whole.size()));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("012345"), r.payload);
        CPPUNIT_ASSERT_EQUAL(uint32_t(10), r.seg.payload_wire_len);
        CPPUNIT_ASSERT_EQUAL(uint32_t(whole.size()), r.seg.wirelen);
        CPPUNIT_ASSERT_EQUAL(uint32_t(whole.size() - 4), r.seg.caplen);
    }

    void ipv4_options_are_skipped() {
        Ip4 h;
        h.ihl_words = 7;
        h.options = Bytes{0x94, 0x04, 0, 0, 0x01, 0x01, 0x01, 0x00};
        Result r = run(101, ipv4(h, tcp(text("opt"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("opt"), r.payload);
    }

    void ipv4_ihl_below_five_is_malformed() {
        for (uint8_t ihl = 0; ihl < 5; ++ihl) {
            Ip4 h;
            h.ihl_words = ihl;
            CPPUNIT_ASSERT(run(101, ipv4(h, tcp())).status == DecodeStatus::Malformed);
        }
    }

    void ipv4_ihl_past_capture_is_truncated() {
        Ip4 h;
        h.ihl_words = 15;  // 60 bytes claimed, 20 present
        h.total = 20;
        CPPUNIT_ASSERT(run(101, ipv4(h, {})).status == DecodeStatus::Truncated);
    }

    void ipv4_total_length_below_header_is_malformed() {
        Ip4 h;
        h.total = 19;
        CPPUNIT_ASSERT(run(101, ipv4(h, tcp())).status == DecodeStatus::Malformed);
    }

    void ip_version_mismatch_is_malformed() {
        Bytes f = ipv4(tcp());
        f[0] = 0x55;
        CPPUNIT_ASSERT(run(1, ether(0x0800) + f).status == DecodeStatus::Malformed);
        CPPUNIT_ASSERT(run(1, ether(0x86dd) + ipv4(tcp())).status == DecodeStatus::Malformed);
    }

    void tcp_data_offset_below_five_is_malformed() {
        for (uint8_t off = 0; off < 5; ++off) {
            Tcp t;
            t.doff_words = off;
            CPPUNIT_ASSERT(run(101, ipv4(tcp(t, text("data")))).status == DecodeStatus::Malformed);
        }
    }

    void tcp_data_offset_past_ip_payload_is_malformed() {
        Tcp t;
        t.doff_words = 15;  // 60-byte header in a 24-byte IP payload
        CPPUNIT_ASSERT(run(101, ipv4(tcp(t, text("data")))).status == DecodeStatus::Malformed);
    }

    void tcp_header_past_capture_is_truncated() {
        Tcp t;
        t.doff_words = 8;
        t.options = Bytes(12, 1);
        const Bytes whole = ipv4(tcp(t, text("data")));
        Decoder d;
        CPPUNIT_ASSERT(run(d, 101, slice(whole, 0, 20 + 24), Timestamp(), int(whole.size())).status ==
                       DecodeStatus::Truncated);
    }

    void tcp_options_are_skipped() {
        Tcp t;
        t.doff_words = 8;
        t.options = Bytes{2, 4, 5, 0xb4, 1, 1, 4, 2, 1, 1, 1, 0};
        Result r = run(101, ipv6(tcp(t, text("after options"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("after options"), r.payload);
    }

    void non_tcp_protocols_are_not_tcp() {
        Ip4 udp;
        udp.proto = 17;
        CPPUNIT_ASSERT(run(101, ipv4(udp, Bytes{0, 53, 0, 53, 0, 8, 0, 0})).status == DecodeStatus::NotTcp);
        Ip4 icmp;
        icmp.proto = 1;
        CPPUNIT_ASSERT(run(101, ipv4(icmp, Bytes(8, 0))).status == DecodeStatus::NotTcp);
        Ip6 icmp6;
        icmp6.next = 58;
        CPPUNIT_ASSERT(run(101, ipv6(icmp6, Bytes(8, 0))).status == DecodeStatus::NotTcp);
    }

    void ipv6_extension_header_chain_is_walked() {
        Ip6 h;
        h.next = 0;  // hop-by-hop -> routing -> destination options -> AH -> TCP
        Bytes ah = {6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};  // 12 bytes: (1 + 2) * 4
        Bytes routing = {60, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};  // 16 bytes
        Result r = run(101, ipv6(h, ext8(43) + routing + ext8(51) + ah + tcp(text("deep"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("deep"), r.payload);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), r.seg.family);
        CPPUNIT_ASSERT_EQUAL(uint8_t(0x20), r.seg.src[0]);
        CPPUNIT_ASSERT_EQUAL(uint8_t(1), r.seg.src[15]);
        CPPUNIT_ASSERT_EQUAL(uint8_t(2), r.seg.dst[15]);
    }

    void ipv6_atomic_fragment_is_unwrapped() {
        Ip6 h;
        h.next = 44;
        Decoder d;
        Result r = run(d, 101, ipv6(h, frag6(6, 0, false, 77) + tcp(text("atomic"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("atomic"), r.payload);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), d.defrag_stats().fragments);
    }

    void ipv6_esp_and_no_next_header_are_not_tcp() {
        Ip6 esp;
        esp.next = 50;
        CPPUNIT_ASSERT(run(101, ipv6(esp, Bytes(16, 0))).status == DecodeStatus::NotTcp);
        Ip6 none;
        none.next = 60;
        CPPUNIT_ASSERT(run(101, ipv6(none, ext8(59))).status == DecodeStatus::NotTcp);
    }

    void ipv6_extension_header_past_payload_is_malformed() {
        Ip6 h;
        h.next = 60;
        Bytes big = ext8(6);
        big[1] = 10;  // 88 bytes claimed
        CPPUNIT_ASSERT(run(101, ipv6(h, big + tcp())).status == DecodeStatus::Malformed);
    }

    void ipv6_payload_length_is_clamped_to_capture() {
        // tcpflow 1.6.1 read plen bytes regardless of the capture (2008-byte file from 8 bytes).
        Ip6 h;
        h.plen = 2000;
        Result r = run(229, ipv6(h, tcp(text("12345678"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("12345678"), r.payload);
        CPPUNIT_ASSERT_EQUAL(uint32_t(8), r.seg.payload_wire_len);
    }

    void ipv6_payload_length_zero_means_what_was_captured() {
        Ip6 h;
        h.plen = 0;
        Result r = run(229, ipv6(h, tcp(text("jumbo"))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("jumbo"), r.payload);
    }

    void every_prefix_with_options_and_extension_headers_is_safe() {
        Tcp t;
        t.doff_words = 6;
        t.options = Bytes{1, 1, 1, 0};
        const Bytes seg = tcp(t, text("payload"));
        Ip4 h;
        h.ihl_words = 6;
        h.options = Bytes{1, 1, 1, 0};
        check_every_prefix(1, ether(0x0800) + ipv4(h, seg), 14 + 24 + 24);
        Ip6 h6;
        h6.next = 0;
        check_every_prefix(1, ether(0x86dd) + ipv6(h6, ext8(60) + ext8(44) + frag6(6, 0, false, 1) + seg),
                           14 + 40 + 24 + 24);
    }

    void stats_count_each_outcome() {
        Decoder d;
        run(d, 1, ether(0x0800) + ipv4(tcp()));
        run(d, 1, ether(0x0806) + Bytes(28, 0));
        Ip4 udp;
        udp.proto = 17;
        run(d, 1, ether(0x0800) + ipv4(udp, Bytes(8, 0)));
        run(d, 1, Bytes(10, 0));
        Ip4 bad;
        bad.ihl_words = 3;
        run(d, 1, ether(0x0800) + ipv4(bad, tcp()));
        const DecoderStats& s = d.stats();
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), s.frames);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), s.tcp);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), s.not_ip);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), s.not_tcp);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), s.truncated);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), s.malformed);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IpTcpTest);
