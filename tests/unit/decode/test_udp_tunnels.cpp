// UDP tunnels (Geneve, GTP-U, L2TP, Teredo, VXLAN-GPE) and L2TPv3 over IP: the
// inner TCP segment is decoded when the header is valid; a port alone is never enough.
#include <cppunit/extensions/HelperMacros.h>

#include "decode/decoder.h"
#include "frames.h"

using namespace tcpflow;
using namespace tcpflow::testframes;

namespace {
Ip4 outer_udp() {
    Ip4 h;
    h.src = 0xc0a80001;  // 192.168.0.1 -> 192.168.0.2
    h.dst = 0xc0a80002;
    h.proto = 17;
    return h;
}
Bytes udp(uint16_t sport, uint16_t dport, const Bytes& payload) {
    Bytes b;
    put16(b, sport);
    put16(b, dport);
    put16(b, uint16_t(8 + payload.size()));
    put16(b, 0);
    return b + payload;
}
Bytes over_udp(uint16_t sport, uint16_t dport, const Bytes& payload) {
    return ether(0x0800) + ipv4(outer_udp(), udp(sport, dport, payload));
}
Bytes gtp(uint8_t flags, const Bytes& after_mandatory) {
    Bytes b = {flags, 0xff};
    put16(b, uint16_t(after_mandatory.size()));
    put32(b, 1);
    return b + after_mandatory;
}
Bytes inner_v4(const std::string& text_payload) { return ipv4(tcp(text(text_payload))); }
Bytes inner_v6(const std::string& text_payload) { return ipv6(tcp(text(text_payload))); }

void assert_tcp(const Result& r, const std::string& payload, uint8_t family) {
    CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
    CPPUNIT_ASSERT_EQUAL(payload, r.payload);
    CPPUNIT_ASSERT_EQUAL(family, r.seg.family);
    if (family == 4) CPPUNIT_ASSERT_EQUAL(uint8_t(10), r.seg.src[0]);  // inner 10.0.0.1
}
bool not_tcp(const Bytes& frame) { return run(1, frame).status == DecodeStatus::NotTcp; }
}  // namespace

class UdpTunnelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UdpTunnelTest);
    CPPUNIT_TEST(geneve_ethernet_ip_and_options);
    CPPUNIT_TEST(geneve_bad_version_is_udp);
    CPPUNIT_TEST(gtpu_plain_sequence_and_extensions);
    CPPUNIT_TEST(gtpu_other_messages_and_lengths_are_udp);
    CPPUNIT_TEST(l2tp_data_with_optional_fields);
    CPPUNIT_TEST(l2tp_control_and_other_versions_are_udp);
    CPPUNIT_TEST(l2tpv3_over_ip_cookie_and_sublayer_detected);
    CPPUNIT_TEST(teredo_plain_and_with_indicators);
    CPPUNIT_TEST(teredo_needs_exactly_one_ipv6_packet);
    CPPUNIT_TEST(vxlan_gpe_next_protocols_and_nsh);
    CPPUNIT_TEST(every_prefix_is_safe);
    CPPUNIT_TEST_SUITE_END();

public:
    void geneve_ethernet_ip_and_options() {
        const Bytes eth_hdr = {0, 0, 0x65, 0x58, 0, 0, 7, 0};
        assert_tcp(run(1, over_udp(50000, 6081, eth_hdr + ether(0x0800) + inner_v4("ge"))), "ge", 4);
        const Bytes ip_with_options = {2, 0, 0x08, 0x00, 0, 0, 7, 0, 1, 2, 3, 1, 0, 0, 0, 0};
        assert_tcp(run(1, over_udp(50000, 6081, ip_with_options + inner_v4("go"))), "go", 4);
        const Bytes v6 = {0, 0, 0x86, 0xdd, 0, 0, 7, 0};
        assert_tcp(run(1, over_udp(50000, 6081, v6 + inner_v6("g6"))), "g6", 6);
    }
    void geneve_bad_version_is_udp() {
        CPPUNIT_ASSERT(not_tcp(over_udp(50000, 6081, Bytes{0x40, 0, 0x08, 0, 0, 0, 7, 0} + inner_v4("x"))));
        CPPUNIT_ASSERT(not_tcp(over_udp(50000, 6081, Bytes{0, 0, 0x08})));  // too short, not snapped
        // Options longer than the datagram.
        CPPUNIT_ASSERT(not_tcp(over_udp(50000, 6081, Bytes{0x3f, 0, 0x08, 0, 0, 0, 7, 0})));
    }
    void gtpu_plain_sequence_and_extensions() {
        assert_tcp(run(1, over_udp(2152, 2152, gtp(0x30, inner_v4("g1")))), "g1", 4);
        assert_tcp(run(1, over_udp(2152, 2152, gtp(0x32, Bytes{0, 9, 0, 0} + inner_v6("g2")))), "g2", 6);
        // E flag: next extension 0x85 (one word, then none), then 0xc0 (two words, then none).
        const Bytes ext = {0, 9, 0, 0x85, 1, 0x10, 0x05, 0xc0, 2, 1, 2, 3, 4, 5, 6, 0};
        assert_tcp(run(1, over_udp(2152, 2152, gtp(0x34, ext + inner_v4("g3")))), "g3", 4);
    }
    void gtpu_other_messages_and_lengths_are_udp() {
        Bytes echo = gtp(0x32, Bytes{0, 1, 0, 0});
        echo[1] = 1;  // echo request
        CPPUNIT_ASSERT(not_tcp(over_udp(2152, 2152, echo)));
        Bytes v0 = gtp(0x10, inner_v4("x"));  // GTP version 0
        CPPUNIT_ASSERT(not_tcp(over_udp(2152, 2152, v0)));
        Bytes lying = gtp(0x30, inner_v4("x"));
        lying[2] = 0x7f;  // length past the datagram
        CPPUNIT_ASSERT(not_tcp(over_udp(2152, 2152, lying)));
        const Bytes zero_ext = {0, 9, 0, 0x85, 0, 0, 0, 0};  // extension of length 0
        CPPUNIT_ASSERT(run(1, over_udp(2152, 2152, gtp(0x34, zero_ext + inner_v4("x")))).status ==
                       DecodeStatus::Malformed);
    }
    void l2tp_data_with_optional_fields() {
        const Bytes ppp = {0xff, 0x03, 0x00, 0x21};
        assert_tcp(run(1, over_udp(1701, 1701, Bytes{0x00, 0x02, 0, 1, 0, 2} + ppp + inner_v4("l1"))), "l1", 4);
        Bytes with_len = {0x48, 0x02, 0, 0, 0, 1, 0, 2, 0, 5, 0, 0};
        const Bytes rest = ppp + inner_v4("l2");
        with_len[3] = uint8_t(12 + rest.size());
        assert_tcp(run(1, over_udp(40000, 1701, with_len + rest)), "l2", 4);
        // Offset field (O) with 2 pad bytes; compressed PPP protocol (0x21).
        const Bytes off = {0x02, 0x02, 0, 1, 0, 2, 0, 2, 0xee, 0xee, 0x21};
        assert_tcp(run(1, over_udp(1701, 40000, off + inner_v4("l3"))), "l3", 4);
    }
    void l2tp_control_and_other_versions_are_udp() {
        const Bytes ppp = {0xff, 0x03, 0x00, 0x21};
        CPPUNIT_ASSERT(not_tcp(over_udp(1701, 1701, Bytes{0xc8, 0x02, 0, 12, 0, 1, 0, 0, 0, 1, 0, 2} + ppp)));
        CPPUNIT_ASSERT(not_tcp(over_udp(1701, 1701, Bytes{0x00, 0x03, 0, 1, 0, 2} + ppp + inner_v4("x"))));
        CPPUNIT_ASSERT(not_tcp(over_udp(1701, 1701, Bytes{0x10, 0x02, 0, 1, 0, 2} + ppp + inner_v4("x"))));
    }
    void l2tpv3_over_ip_cookie_and_sublayer_detected() {
        auto over_ip115 = [](const Bytes& payload) {
            Ip4 h = outer_udp();
            h.proto = 115;
            return ether(0x0800) + ipv4(h, payload);
        };
        const Bytes session = {0, 0, 0x12, 0x34};
        for (size_t extra : {0, 4, 8, 12}) {
            const Result r = run(1, over_ip115(session + Bytes(extra, 0x5a) + ether(0x0800) + inner_v4("v3")));
            assert_tcp(r, "v3", 4);
        }
        // Control messages (session 0) and payloads that are no Ethernet frame stay not TCP.
        CPPUNIT_ASSERT(not_tcp(over_ip115(Bytes{0, 0, 0, 0} + ether(0x0800) + inner_v4("x"))));
        CPPUNIT_ASSERT(not_tcp(over_ip115(session + Bytes(40, 0x5a))));
    }

    void teredo_plain_and_with_indicators() {
        assert_tcp(run(1, over_udp(3544, 40000, inner_v6("t1"))), "t1", 6);
        const Bytes origin = {0, 0, 0x63, 0xbf, 0x3f, 0xff, 0x8c, 0xf6};
        assert_tcp(run(1, over_udp(40000, 3544, origin + inner_v6("t2"))), "t2", 6);
        Bytes auth = {0, 1, 2, 1, 'i', 'd', 'a'};
        append(auth, Bytes(9, 0x11));  // nonce, confirmation
        assert_tcp(run(1, over_udp(3544, 40000, auth + origin + inner_v6("t3"))), "t3", 6);
    }
    void teredo_needs_exactly_one_ipv6_packet() {
        CPPUNIT_ASSERT(not_tcp(over_udp(3544, 40000, inner_v4("x"))));
        CPPUNIT_ASSERT(not_tcp(over_udp(3544, 40000, inner_v6("x") + Bytes{0})));  // trailing byte
        CPPUNIT_ASSERT(not_tcp(over_udp(3544, 40000, Bytes(30, 0x60))));          // too short
    }
    void vxlan_gpe_next_protocols_and_nsh() {
        auto gpe = [](uint8_t next) { return Bytes{0x0c, 0, 0, next, 0, 0, 1, 0}; };
        assert_tcp(run(1, over_udp(50000, 4790, gpe(1) + inner_v4("v4"))), "v4", 4);
        assert_tcp(run(1, over_udp(50000, 4790, gpe(2) + inner_v6("v6"))), "v6", 6);
        assert_tcp(run(1, over_udp(50000, 4790, gpe(3) + ether(0x0800) + inner_v4("ve"))), "ve", 4);
        const Bytes nsh = {0x0f, 0xc2, 0x02, 0x01, 0, 0, 5, 255};
        assert_tcp(run(1, over_udp(50000, 4790, gpe(4) + nsh + inner_v4("vn"))), "vn", 4);
        Bytes nsh_in_nsh = nsh;
        nsh_in_nsh[3] = 4;  // not followed
        CPPUNIT_ASSERT(not_tcp(over_udp(50000, 4790, gpe(4) + nsh_in_nsh + nsh + inner_v4("x"))));
        // No P bit: a VXLAN header (I flag, Ethernet).
        assert_tcp(run(1, over_udp(50000, 4790, Bytes{0x08, 0, 0, 0, 0, 0, 1, 0} + ether(0x0800) + inner_v4("vx"))),
                   "vx", 4);
        CPPUNIT_ASSERT(not_tcp(over_udp(50000, 4790, Bytes{0x3c, 0, 0, 1, 0, 0, 1, 0} + inner_v4("x"))));  // version 3
    }
    void every_prefix_is_safe() {
        const Bytes seg = tcp(text("inner!"));
        auto check = [&](const Bytes& frame) { check_every_prefix(1, frame, frame.size() - 6); };
        check(over_udp(50000, 6081, Bytes{2, 0, 0x65, 0x58, 0, 0, 7, 0, 1, 2, 3, 1, 0, 0, 0, 0} + ether(0x0800) + ipv4(seg)));
        check(over_udp(2152, 2152, gtp(0x34, Bytes{0, 9, 0, 0x85, 1, 0x10, 0x05, 0} + ipv4(seg))));
        Bytes l2tp = Bytes{0x4a, 0x02, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0xff, 0x03, 0, 0x21} + ipv4(seg);
        l2tp[3] = uint8_t(l2tp.size());
        check(over_udp(1701, 1701, l2tp));
        check(over_udp(3544, 4000, Bytes{0, 0, 1, 2, 3, 4, 5, 6} + ipv6(seg)));
        Ip4 l2tpv3 = outer_udp();
        l2tpv3.proto = 115;
        check(ether(0x0800) + ipv4(l2tpv3, Bytes{0, 0, 0x12, 0x34, 1, 2, 3, 4} + ether(0x0800) + ipv4(seg)));
        check(over_udp(50000, 4790, Bytes{0x0c, 0, 0, 4, 0, 0, 1, 0, 0x0f, 0xc2, 0x02, 0x01, 0, 0, 5, 255} + ipv4(seg)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UdpTunnelTest);
