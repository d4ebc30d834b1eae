// Link layers: every supported DLT reaches the TCP segment, and none reads past caplen.
#include <cppunit/extensions/HelperMacros.h>

#include "decode/decoder.h"
#include "frames.h"

using namespace tcpflow;
using namespace tcpflow::testframes;

namespace {
const Bytes kData = text("hello");
Bytes ip4_tcp() { return ipv4(tcp(kData)); }
Bytes ip6_tcp() { return ipv6(tcp(kData)); }
}  // namespace

class LinkTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LinkTest);
    CPPUNIT_TEST(ethernet_ipv4_gives_segment_and_macs);
    CPPUNIT_TEST(outermost_vlan_tag_of_a_stack_is_reported);
    CPPUNIT_TEST(qinq_88a8_and_9100_tags_are_skipped);
    CPPUNIT_TEST(ethernet_non_ip_is_not_ip);
    CPPUNIT_TEST(mpls_label_stack_then_ipv4_and_ipv6);
    CPPUNIT_TEST(mpls_pseudowire_control_word_then_ethernet);
    CPPUNIT_TEST(pppoe_session_ipv4_and_ipv6);
    CPPUNIT_TEST(pppoe_length_bounds_the_ip_packet);
    CPPUNIT_TEST(pppoe_discovery_is_not_ip);
    CPPUNIT_TEST(linux_sll_and_sll2);
    CPPUNIT_TEST(linux_sll_with_an_unstripped_vlan_tag);
    CPPUNIT_TEST(raw_ip_linktypes);
    CPPUNIT_TEST(linktype_ipv4_refuses_ipv6_bytes);
    CPPUNIT_TEST(bsd_null_and_loop_in_both_byte_orders);
    CPPUNIT_TEST(bsd_null_unknown_family_is_not_ip);
    CPPUNIT_TEST(ppp_with_and_without_address_control_and_compressed_protocol);
    CPPUNIT_TEST(ppp_serial_cisco_hdlc);
    CPPUNIT_TEST(ppp_ether_is_pppoe_without_ethernet);
    CPPUNIT_TEST(ethernet_mpacket_express_and_continuation);
    CPPUNIT_TEST(supports_dlt_knows_exactly_the_decoded_types);
    CPPUNIT_TEST(every_prefix_of_every_link_type_is_safe);
    CPPUNIT_TEST(null_frame_pointer_is_truncated_not_a_crash);
    CPPUNIT_TEST_SUITE_END();

public:
    void ethernet_ipv4_gives_segment_and_macs() {
        Result r = run(1, ether(0x0800) + ip4_tcp());
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), r.payload);
        CPPUNIT_ASSERT_EQUAL(uint8_t(4), r.seg.family);
        CPPUNIT_ASSERT_EQUAL(uint8_t(10), r.seg.src[0]);
        CPPUNIT_ASSERT_EQUAL(uint8_t(1), r.seg.src[3]);
        CPPUNIT_ASSERT_EQUAL(uint8_t(2), r.seg.dst[3]);
        CPPUNIT_ASSERT_EQUAL(uint8_t(0), r.seg.src[4]);
        CPPUNIT_ASSERT_EQUAL(uint16_t(1234), r.seg.sport);
        CPPUNIT_ASSERT_EQUAL(uint16_t(80), r.seg.dport);
        CPPUNIT_ASSERT_EQUAL(uint32_t(1000), r.seg.seq);
        CPPUNIT_ASSERT_EQUAL(uint32_t(2000), r.seg.ack);
        CPPUNIT_ASSERT_EQUAL(uint8_t(kPsh | kAck), r.seg.flags);
        CPPUNIT_ASSERT(r.seg.has_mac);
        CPPUNIT_ASSERT_EQUAL(uint8_t(0x02), r.seg.mac_dst[5]);
        CPPUNIT_ASSERT_EQUAL(uint8_t(0x01), r.seg.mac_src[5]);
        CPPUNIT_ASSERT(!r.seg.has_vlan);
    }

    void outermost_vlan_tag_of_a_stack_is_reported() {
        // PCP bits set in the outer TCI: only the 12-bit VID is the VLAN.
        Result r = run(1, ether(0x0800, {0xe00a, 0x0014}) + ip4_tcp());
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(r.seg.has_vlan);
        CPPUNIT_ASSERT_EQUAL(uint16_t(10), r.seg.vlan);
    }

    void qinq_88a8_and_9100_tags_are_skipped() {
        Result a = run(1, ether(0x86dd, {7, 8}, 0x88a8) + ip6_tcp());
        CPPUNIT_ASSERT(a.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint16_t(7), a.seg.vlan);
        Result b = run(1, ether(0x0800, {9}, 0x9100) + ip4_tcp());
        CPPUNIT_ASSERT(b.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint16_t(9), b.seg.vlan);
    }

    void ethernet_non_ip_is_not_ip() {
        CPPUNIT_ASSERT(run(1, ether(0x0806) + Bytes(28, 0)).status == DecodeStatus::NotIp);
        CPPUNIT_ASSERT(run(1, ether(0x0026) + Bytes(38, 0)).status == DecodeStatus::NotIp);  // 802.3 length
    }

    void mpls_label_stack_then_ipv4_and_ipv6() {
        const Bytes two_labels = {0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40};  // S bit on the second
        Result a = run(1, ether(0x8847) + two_labels + ip4_tcp());
        CPPUNIT_ASSERT(a.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), a.payload);
        Result b = run(1, ether(0x8848, {5}) + two_labels + ip6_tcp());
        CPPUNIT_ASSERT(b.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), b.seg.family);
        CPPUNIT_ASSERT_EQUAL(uint16_t(5), b.seg.vlan);
    }

    void mpls_pseudowire_control_word_then_ethernet() {
        const Bytes label = {0x00, 0x01, 0x01, 0x40};
        const Bytes control_word = {0, 0, 0, 0};
        Bytes inner = ether(0x0800);
        inner[11] = 0x77;  // inner source MAC differs from the outer one
        Result r = run(1, ether(0x8847) + label + control_word + inner + ip4_tcp());
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint8_t(0x01), r.seg.mac_src[5]);  // outermost MACs
    }

    static Bytes pppoe(uint16_t ppp_proto, const Bytes& payload, int length = -1) {
        Bytes b = {0x11, 0x00, 0x12, 0x34};
        put16(b, uint16_t(length >= 0 ? length : int(payload.size() + 2)));
        put16(b, ppp_proto);
        return b + payload;
    }

    void pppoe_session_ipv4_and_ipv6() {
        Result a = run(1, ether(0x8864, {100, 200}, 0x88a8) + pppoe(0x0021, ip4_tcp()));
        CPPUNIT_ASSERT(a.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), a.payload);
        CPPUNIT_ASSERT_EQUAL(uint16_t(100), a.seg.vlan);
        Result b = run(1, ether(0x8864) + pppoe(0x0057, ip6_tcp()));
        CPPUNIT_ASSERT(b.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), b.seg.family);
        CPPUNIT_ASSERT(run(1, ether(0x8864) + pppoe(0xc021, Bytes(10, 0))).status == DecodeStatus::NotIp);  // LCP
    }

    void pppoe_length_bounds_the_ip_packet() {
        // As in pppoe-qinq-tcp.pcap: the IP total length claims 6 bytes more than
        // PPPoE carries; those bytes are not TCP data.
        Ip4 h;
        h.total = 20 + 20 + 6;
        Bytes ip = ipv4(h, tcp()) + Bytes(6, 0);
        Result r = run(1, ether(0x8864) + pppoe(0x0021, ip, 2 + 40));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint32_t(0), r.seg.payload_len);
        CPPUNIT_ASSERT_EQUAL(uint32_t(0), r.seg.payload_wire_len);
    }

    void pppoe_discovery_is_not_ip() {
        Bytes padi = {0x11, 0x09, 0, 0, 0, 0};
        CPPUNIT_ASSERT(run(1, ether(0x8864) + padi + Bytes(4, 0)).status == DecodeStatus::NotIp);
    }

    void linux_sll_and_sll2() {
        Bytes sll = {0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0};
        put16(sll, 0x0800);
        Result a = run(113, sll + ip4_tcp());
        CPPUNIT_ASSERT(a.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(!a.seg.has_mac);
        Bytes sll2;
        put16(sll2, 0x86dd);
        append(sll2, Bytes(18, 0));
        Result b = run(276, sll2 + ip6_tcp());
        CPPUNIT_ASSERT(b.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), b.payload);
    }

    void linux_sll_with_an_unstripped_vlan_tag() {
        Bytes sll = Bytes(14, 0);
        put16(sll, 0x8100);
        put16(sll, 0x0123);
        put16(sll, 0x0800);
        Result r = run(113, sll + ip4_tcp());
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(r.seg.has_vlan);
        CPPUNIT_ASSERT_EQUAL(uint16_t(0x123), r.seg.vlan);
    }

    void raw_ip_linktypes() {
        for (int dlt : {12, 14, 101}) {
            CPPUNIT_ASSERT(run(dlt, ip4_tcp()).status == DecodeStatus::Tcp);
            CPPUNIT_ASSERT(run(dlt, ip6_tcp()).status == DecodeStatus::Tcp);
        }
        CPPUNIT_ASSERT(run(228, ip4_tcp()).status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(run(229, ip6_tcp()).status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(run(101, Bytes{0x10, 0, 0, 0}).status == DecodeStatus::NotIp);
    }

    void linktype_ipv4_refuses_ipv6_bytes() {
        CPPUNIT_ASSERT(run(228, ip6_tcp()).status == DecodeStatus::Malformed);
        CPPUNIT_ASSERT(run(229, ip4_tcp()).status == DecodeStatus::Malformed);
    }

    void bsd_null_and_loop_in_both_byte_orders() {
        for (int dlt : {0, 108}) {
            CPPUNIT_ASSERT(run(dlt, Bytes{2, 0, 0, 0} + ip4_tcp()).status == DecodeStatus::Tcp);
            CPPUNIT_ASSERT(run(dlt, Bytes{0, 0, 0, 2} + ip4_tcp()).status == DecodeStatus::Tcp);
            for (uint8_t af : {24, 28, 30}) {
                CPPUNIT_ASSERT(run(dlt, Bytes{af, 0, 0, 0} + ip6_tcp()).status == DecodeStatus::Tcp);
                CPPUNIT_ASSERT(run(dlt, Bytes{0, 0, 0, af} + ip6_tcp()).status == DecodeStatus::Tcp);
            }
        }
    }

    void bsd_null_unknown_family_is_not_ip() {
        CPPUNIT_ASSERT(run(0, Bytes{7, 0, 0, 0} + ip4_tcp()).status == DecodeStatus::NotIp);
    }

    void ppp_with_and_without_address_control_and_compressed_protocol() {
        CPPUNIT_ASSERT(run(9, Bytes{0xff, 0x03, 0x00, 0x21} + ip4_tcp()).status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(run(9, Bytes{0x00, 0x57} + ip6_tcp()).status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(run(50, Bytes{0xff, 0x03, 0x21} + ip4_tcp()).status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(run(9, Bytes{0xff, 0x03, 0xc0, 0x21, 1, 1, 0, 4}).status == DecodeStatus::NotIp);
    }

    void ppp_serial_cisco_hdlc() {
        CPPUNIT_ASSERT(run(50, Bytes{0x0f, 0x00, 0x08, 0x00} + ip4_tcp()).status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT(run(104, Bytes{0x8f, 0x00, 0x86, 0xdd} + ip6_tcp()).status == DecodeStatus::Tcp);
    }

    void ppp_ether_is_pppoe_without_ethernet() {
        Result r = run(51, pppoe(0x0021, ip4_tcp()));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), r.payload);
    }

    void ethernet_mpacket_express_and_continuation() {
        const Bytes preamble = {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55};
        const Bytes crc = {1, 2, 3, 4};
        Result r = run(274, preamble + Bytes{0xd5} + ether(0x0800) + ip4_tcp() + crc);
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), r.payload);  // the mCRC is not data
        CPPUNIT_ASSERT(run(274, preamble + Bytes{0x61} + Bytes(40, 0)).status == DecodeStatus::NotIp);
    }

    void supports_dlt_knows_exactly_the_decoded_types() {
        for (int dlt : {0, 1, 9, 12, 14, 50, 51, 101, 104, 108, 113, 228, 229, 274, 276})
            CPPUNIT_ASSERT_MESSAGE(std::to_string(dlt), Decoder::supports_dlt(dlt));
        for (int dlt : {6, 7, 10, 100, 105, 109, 117, 119, 127, 129, 163, 169, 192, 197, 219, 226, 239, 240, 241, 242, 258})
            CPPUNIT_ASSERT_MESSAGE(std::to_string(dlt), Decoder::supports_dlt(dlt));
        for (int dlt : {-1, 2, 147, 65535})
            CPPUNIT_ASSERT_MESSAGE(std::to_string(dlt), !Decoder::supports_dlt(dlt));
        CPPUNIT_ASSERT(run(147, ip4_tcp()).status == DecodeStatus::NotIp);
    }

    void every_prefix_of_every_link_type_is_safe() {
        const Bytes seg = tcp(kData);
        const size_t tail = kData.size();
        auto check = [&](int dlt, const Bytes& frame) { check_every_prefix(dlt, frame, frame.size() - tail); };
        check(1, ether(0x0800, {1, 2}) + ipv4(seg));
        check(1, ether(0x8847) + Bytes{0, 1, 1, 0x40} + ipv6(seg));
        check(1, ether(0x8864) + pppoe(0x0021, ipv4(seg)));
        check(0, Bytes{2, 0, 0, 0} + ipv4(seg));
        check(108, Bytes{0, 0, 0, 30} + ipv6(seg));
        check(9, Bytes{0xff, 0x03, 0x00, 0x21} + ipv4(seg));
        check(50, Bytes{0x0f, 0x00, 0x08, 0x00} + ipv4(seg));
        check(51, pppoe(0x0057, ipv6(seg)));
        check(101, ipv4(seg));
        check(228, ipv4(seg));
        check(229, ipv6(seg));
        Bytes sll = Bytes(14, 0);
        put16(sll, 0x0800);
        check(113, sll + ipv4(seg));
        Bytes sll2;
        put16(sll2, 0x0800);
        append(sll2, Bytes(18, 0));
        check(276, sll2 + ipv4(seg));
        check(274, Bytes{0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xd5} + ether(0x0800) + ipv4(seg));
    }

    void null_frame_pointer_is_truncated_not_a_crash() {
        Decoder d;
        TcpSegment s;
        CPPUNIT_ASSERT(d.decode(1, Timestamp(), nullptr, 100, 100, s) == DecodeStatus::Truncated);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.stats().truncated);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LinkTest);
