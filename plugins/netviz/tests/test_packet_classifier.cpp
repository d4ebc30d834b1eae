// The packet classifier on frames built byte by byte, for every link type
// netviz reads, and on every truncation of them.
#include <cppunit/extensions/HelperMacros.h>

#include "packet_builder.h"
#include "packet_classifier.h"

namespace tcpflow {
namespace netviz {

using namespace test;

namespace {
constexpr int kEthernet = 1, kNull = 0, kLoop = 108, kRaw = 101, kRaw12 = 12, kIpv6Dlt = 229, kSll = 113,
              kSll2 = 276;

PacketFacts classify(int dlt, const Bytes& b) { return classify_packet(dlt, b.data(), static_cast<uint32_t>(b.size())); }

NetAddress v4(const char* text) {
    uint8_t b[4];
    inet_pton(AF_INET, text, b);
    return NetAddress::v4(b);
}
NetAddress v6(const char* text) {
    uint8_t b[16];
    inet_pton(AF_INET6, text, b);
    return NetAddress::v6(b);
}
}  // namespace

class PacketClassifierTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PacketClassifierTest);
    CPPUNIT_TEST(ethernet_ipv4_tcp);
    CPPUNIT_TEST(ethernet_ipv6_udp_after_hop_by_hop_options);
    CPPUNIT_TEST(vlan_and_qinq_count_as_vlan_but_keep_inner_addresses);
    CPPUNIT_TEST(arp_has_no_addresses);
    CPPUNIT_TEST(later_ipv4_fragments_have_no_ports);
    CPPUNIT_TEST(icmp_has_addresses_but_no_ports);
    CPPUNIT_TEST(cooked_loopback_and_raw_link_types);
    CPPUNIT_TEST(llc_and_unknown_link_types_are_other);
    CPPUNIT_TEST(truncated_frames_never_read_past_caplen);
    CPPUNIT_TEST(address_text);
    CPPUNIT_TEST_SUITE_END();

public:
    void ethernet_ipv4_tcp() {
        const PacketFacts f = classify(kEthernet, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80))));
        CPPUNIT_ASSERT(f.transport == Transport::Ipv4);
        CPPUNIT_ASSERT(f.has_addresses);
        CPPUNIT_ASSERT(f.src == v4("10.0.0.1"));
        CPPUNIT_ASSERT(f.dst == v4("10.0.0.2"));
        CPPUNIT_ASSERT(f.has_ports);
        CPPUNIT_ASSERT_EQUAL(uint16_t(40000), f.sport);
        CPPUNIT_ASSERT_EQUAL(uint16_t(80), f.dport);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), f.ip_protocol);
    }

    void ethernet_ipv6_udp_after_hop_by_hop_options() {
        const PacketFacts f =
            classify(kEthernet, ethernet(0x86dd, ipv6("2001:db8::1", "ff02::fb", 17, udp(5353, 5353), true)));
        CPPUNIT_ASSERT(f.transport == Transport::Ipv6);
        CPPUNIT_ASSERT(f.src == v6("2001:db8::1"));
        CPPUNIT_ASSERT(f.dst == v6("ff02::fb"));
        CPPUNIT_ASSERT(f.has_ports);
        CPPUNIT_ASSERT_EQUAL(uint16_t(5353), f.dport);
        CPPUNIT_ASSERT_EQUAL(uint8_t(17), f.ip_protocol);
    }

    void vlan_and_qinq_count_as_vlan_but_keep_inner_addresses() {
        const Bytes inner = ipv4("192.168.1.5", "8.8.8.8", 17, udp(3333, 53));
        for (const Bytes& frame : {ethernet(0x0800, inner, {10}), ethernet(0x0800, inner, {100, 200}, 0x88a8)}) {
            const PacketFacts f = classify(kEthernet, frame);
            CPPUNIT_ASSERT(f.transport == Transport::Vlan);
            CPPUNIT_ASSERT(f.src == v4("192.168.1.5"));
            CPPUNIT_ASSERT_EQUAL(uint16_t(53), f.dport);
        }
        CPPUNIT_ASSERT(classify(kEthernet, ethernet(0x0806, arp_request(), {7})).transport == Transport::Vlan);
    }

    void arp_has_no_addresses() {
        const PacketFacts f = classify(kEthernet, ethernet(0x0806, arp_request()));
        CPPUNIT_ASSERT(f.transport == Transport::Arp);
        CPPUNIT_ASSERT(!f.has_addresses);
        CPPUNIT_ASSERT(!f.has_ports);
    }

    void later_ipv4_fragments_have_no_ports() {
        const PacketFacts f =
            classify(kEthernet, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2), 185)));
        CPPUNIT_ASSERT(f.has_addresses);
        CPPUNIT_ASSERT(!f.has_ports);
    }

    void icmp_has_addresses_but_no_ports() {
        const PacketFacts f = classify(kEthernet, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, Bytes(8, 0))));
        CPPUNIT_ASSERT(f.has_addresses);
        CPPUNIT_ASSERT(!f.has_ports);
        CPPUNIT_ASSERT_EQUAL(uint8_t(1), f.ip_protocol);
    }

    void cooked_loopback_and_raw_link_types() {
        const Bytes ip4 = ipv4("127.0.0.1", "127.0.0.2", 6, tcp(5000, 6000));
        const Bytes ip6 = ipv6("::1", "::2", 6, tcp(5000, 6000));
        struct Case {
            int dlt;
            Bytes frame;
            Transport expect;
        } cases[] = {
            {kSll, linux_sll(0x0800, ip4), Transport::Ipv4},
            {kSll2, linux_sll2(0x86dd, ip6), Transport::Ipv6},
            {kNull, bsd_loopback(2, true, ip4), Transport::Ipv4},
            {kNull, bsd_loopback(2, false, ip4), Transport::Ipv4},
            {kLoop, bsd_loopback(30, false, ip6), Transport::Ipv6},
            {kNull, bsd_loopback(24, true, ip6), Transport::Ipv6},
            {kRaw, ip4, Transport::Ipv4},
            {kRaw12, ip6, Transport::Ipv6},
            {kIpv6Dlt, ip6, Transport::Ipv6},
        };
        for (const Case& c : cases) {
            const PacketFacts f = classify(c.dlt, c.frame);
            CPPUNIT_ASSERT(f.transport == c.expect);
            CPPUNIT_ASSERT(f.has_ports);
            CPPUNIT_ASSERT_EQUAL(uint16_t(6000), f.dport);
        }
    }

    void llc_and_unknown_link_types_are_other() {
        Bytes llc(12, 0);
        put16(llc, 46);  // an 802.3 length, not an ethertype
        llc.resize(60, 0x42);
        CPPUNIT_ASSERT(classify(kEthernet, llc).transport == Transport::Other);
        CPPUNIT_ASSERT(classify(147, ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2))).transport == Transport::Other);
        CPPUNIT_ASSERT(classify(kEthernet, ethernet(0x88cc, Bytes(40, 0))).transport == Transport::Other);
        CPPUNIT_ASSERT(classify_packet(kEthernet, nullptr, 0).transport == Transport::Other);
    }

    void truncated_frames_never_read_past_caplen() {
        const Bytes frames[] = {
            ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2)), {5, 6}),
            ethernet(0x86dd, ipv6("::1", "::2", 17, udp(1, 2), true)),
        };
        for (const Bytes& full : frames) {
            for (size_t len = 0; len < full.size(); ++len) {
                // An exact-size heap copy lets a sanitizer or valgrind catch any over-read.
                std::vector<uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len));
                const PacketFacts f = classify_packet(kEthernet, cut.data(), static_cast<uint32_t>(len));
                if (f.has_ports) CPPUNIT_ASSERT_EQUAL(uint16_t(2), f.dport);
            }
        }
    }

    void address_text() {
        CPPUNIT_ASSERT_EQUAL(std::string("205.134.188.162"), v4("205.134.188.162").text());
        CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::1"), v6("2001:db8::1").text());
        CPPUNIT_ASSERT_EQUAL(std::string(""), NetAddress().text());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PacketClassifierTest);

}  // namespace netviz
}  // namespace tcpflow
