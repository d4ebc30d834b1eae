// Tunnels: the segment is the innermost TCP; VLAN and MACs stay the outermost.
#include <cppunit/extensions/HelperMacros.h>

#include "decode/decoder.h"
#include "frames.h"

using namespace tcpflow;
using namespace tcpflow::testframes;

namespace {
Ip4 outer(uint8_t proto) {
    Ip4 h;
    h.src = 0xc0a80001;  // 192.168.0.1 -> 192.168.0.2
    h.dst = 0xc0a80002;
    h.proto = proto;
    return h;
}
Bytes gre_header(uint16_t flags, uint16_t proto) {
    Bytes b;
    put16(b, flags);
    put16(b, proto);
    if (flags & 0x8000) put32(b, 0);       // checksum + reserved
    if (flags & 0x2000) put32(b, 0xabcd);  // key
    if (flags & 0x1000) put32(b, 42);      // sequence
    return b;
}
Bytes inner_ether() {
    Bytes e = ether(0x0800);
    e[11] = 0x99;  // inner source MAC, to tell it from the outer one
    return e;
}
void assert_inner_v4(const Result& r, const std::string& payload) {
    CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
    CPPUNIT_ASSERT_EQUAL(payload, r.payload);
    CPPUNIT_ASSERT_EQUAL(uint8_t(4), r.seg.family);
    CPPUNIT_ASSERT_EQUAL(uint8_t(10), r.seg.src[0]);  // the inner 10.0.0.1, not 192.168.0.1
    CPPUNIT_ASSERT_EQUAL(uint8_t(2), r.seg.dst[3]);
}
}  // namespace

class TunnelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TunnelTest);
    CPPUNIT_TEST(gre_plain_ipv4);
    CPPUNIT_TEST(gre_with_checksum_key_and_sequence);
    CPPUNIT_TEST(gre_ipv6_payload);
    CPPUNIT_TEST(gre_transparent_ethernet_keeps_outer_macs_and_vlan);
    CPPUNIT_TEST(erspan_type2_and_type1);
    CPPUNIT_TEST(erspan_type3_with_and_without_subheader);
    CPPUNIT_TEST(gre_routing_and_unknown_versions_are_not_tcp);
    CPPUNIT_TEST(pptp_enhanced_gre_ppp);
    CPPUNIT_TEST(ip_in_ip_and_ipv6_in_ip_and_ip_in_ipv6);
    CPPUNIT_TEST(vxlan_to_inner_ethernet);
    CPPUNIT_TEST(udp_to_other_ports_is_not_tcp);
    CPPUNIT_TEST(nesting_is_bounded);
    CPPUNIT_TEST(every_prefix_of_tunnelled_frames_is_safe);
    CPPUNIT_TEST_SUITE_END();

public:
    void gre_plain_ipv4() {
        assert_inner_v4(run(1, ether(0x0800) + ipv4(outer(47), gre_header(0, 0x0800) + ipv4(tcp(text("gre"))))), "gre");
    }

    void gre_with_checksum_key_and_sequence() {
        Bytes g = gre_header(0xb000, 0x0800);
        CPPUNIT_ASSERT_EQUAL(size_t(16), g.size());
        assert_inner_v4(run(101, ipv4(outer(47), g + ipv4(tcp(text("cks"))))), "cks");
    }

    void gre_ipv6_payload() {
        Result r = run(101, ipv4(outer(47), gre_header(0x2000, 0x86dd) + ipv6(tcp(text("six")))));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), r.seg.family);
    }

    void gre_transparent_ethernet_keeps_outer_macs_and_vlan() {
        Bytes inner = ether(0x0800, {55});
        inner[11] = 0x99;
        Result r = run(1, ether(0x0800, {12}) + ipv4(outer(47), gre_header(0, 0x6558) + inner + ipv4(tcp(text("teb")))));
        assert_inner_v4(r, "teb");
        CPPUNIT_ASSERT_EQUAL(uint8_t(0x01), r.seg.mac_src[5]);
        CPPUNIT_ASSERT_EQUAL(uint16_t(12), r.seg.vlan);
    }

    void erspan_type2_and_type1() {
        const Bytes erspan2 = {0x10, 0x00, 0x00, 0x01, 0, 0, 0, 0};
        assert_inner_v4(run(1, ether(0x0800) + ipv4(outer(47), gre_header(0x1000, 0x88be) + erspan2 + inner_ether() +
                                                                ipv4(tcp(text("erspan2"))))),
                        "erspan2");
        // Type I: no sequence number, no ERSPAN header.
        assert_inner_v4(run(1, ether(0x0800) + ipv4(outer(47), gre_header(0, 0x88be) + inner_ether() +
                                                                ipv4(tcp(text("erspan1"))))),
                        "erspan1");
    }

    void erspan_type3_with_and_without_subheader() {
        const Bytes erspan3 = {0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assert_inner_v4(run(101, ipv4(outer(47), gre_header(0x1000, 0x22eb) + erspan3 + inner_ether() +
                                                     ipv4(tcp(text("e3"))))),
                        "e3");
        Bytes with_sub = erspan3;
        with_sub[11] = 0x01;
        append(with_sub, Bytes(8, 0));
        assert_inner_v4(run(101, ipv4(outer(47), gre_header(0x1000, 0x22eb) + with_sub + inner_ether() +
                                                     ipv4(tcp(text("e3o"))))),
                        "e3o");
    }

    void gre_routing_and_unknown_versions_are_not_tcp() {
        CPPUNIT_ASSERT(run(101, ipv4(outer(47), gre_header(0x4000, 0x0800) + Bytes(4, 0) + ipv4(tcp()))).status ==
                       DecodeStatus::NotTcp);
        CPPUNIT_ASSERT(run(101, ipv4(outer(47), gre_header(0x0002, 0x0800) + ipv4(tcp()))).status ==
                       DecodeStatus::NotTcp);
    }

    void pptp_enhanced_gre_ppp() {
        Bytes g;
        put16(g, 0x3001);  // K, S, version 1 (no acknowledgment)
        put16(g, 0x880b);
        put16(g, 40);      // payload length
        put16(g, 7);       // call id
        put32(g, 1);       // sequence
        assert_inner_v4(run(101, ipv4(outer(47), g + Bytes{0xff, 0x03, 0x00, 0x21} + ipv4(tcp(text("pptp"))))), "pptp");
    }

    void ip_in_ip_and_ipv6_in_ip_and_ip_in_ipv6() {
        assert_inner_v4(run(101, ipv4(outer(4), ipv4(tcp(text("4in4"))))), "4in4");
        Result six_in_four = run(101, ipv4(outer(41), ipv6(tcp(text("6in4")))));
        CPPUNIT_ASSERT(six_in_four.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), six_in_four.seg.family);
        Ip6 h;
        h.next = 4;
        assert_inner_v4(run(101, ipv6(h, ipv4(tcp(text("4in6"))))), "4in6");
        h.next = 41;
        CPPUNIT_ASSERT(run(101, ipv6(h, ipv6(tcp()))).status == DecodeStatus::Tcp);
    }

    static Bytes udp(uint16_t dport, const Bytes& payload) {
        Bytes b;
        put16(b, 50000);
        put16(b, dport);
        put16(b, uint16_t(8 + payload.size()));
        put16(b, 0);
        return b + payload;
    }

    void vxlan_to_inner_ethernet() {
        const Bytes vxlan = {0x08, 0, 0, 0, 0, 0, 0x7b, 0};
        Result r = run(1, ether(0x0800) + ipv4(outer(17), udp(4789, vxlan + inner_ether() + ipv4(tcp(text("vx"))))));
        assert_inner_v4(r, "vx");
        CPPUNIT_ASSERT_EQUAL(uint8_t(0x01), r.seg.mac_src[5]);
    }

    void udp_to_other_ports_is_not_tcp() {
        CPPUNIT_ASSERT(run(101, ipv4(outer(17), udp(53, Bytes(20, 0)))).status == DecodeStatus::NotTcp);
        const Bytes no_vni_flag = {0, 0, 0, 0, 0, 0, 0, 0};
        CPPUNIT_ASSERT(run(101, ipv4(outer(17), udp(4789, no_vni_flag + inner_ether() + ipv4(tcp())))).status ==
                       DecodeStatus::NotTcp);
    }

    void nesting_is_bounded() {
        Bytes p = ipv4(tcp(text("core")));
        for (int i = 0; i < 7; ++i) p = ipv4(outer(4), p);  // 8 IP headers: fine
        CPPUNIT_ASSERT(run(101, p).status == DecodeStatus::Tcp);
        for (int i = 0; i < 20; ++i) p = ipv4(outer(4), p);  // 28: refused, without deep recursion
        CPPUNIT_ASSERT(run(101, p).status == DecodeStatus::Malformed);
    }

    void every_prefix_of_tunnelled_frames_is_safe() {
        const Bytes seg = tcp(text("inner!"));
        auto check = [&](const Bytes& frame) { check_every_prefix(1, frame, frame.size() - 6); };
        check(ether(0x0800) + ipv4(outer(47), gre_header(0xb000, 0x6558) + inner_ether() + ipv4(seg)));
        check(ether(0x0800) + ipv4(outer(47), gre_header(0x1000, 0x88be) + Bytes(8, 0) + inner_ether() + ipv4(seg)));
        check(ether(0x0800) + ipv4(outer(4), ipv4(seg)));
        check(ether(0x86dd) + ipv6(Ip6{41}, ipv6(seg)));
        check(ether(0x0800) + ipv4(outer(17), udp(4789, Bytes{8, 0, 0, 0, 0, 0, 1, 0} + inner_ether() + ipv4(seg))));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TunnelTest);
