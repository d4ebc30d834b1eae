// CaptureStats on constructed packet sequences: totals, transport shares,
// top-N structures (exact and capped) and packet-time handling.
#include <cppunit/extensions/HelperMacros.h>

#include "capture_stats.h"
#include "packet_builder.h"

namespace tcpflow {
namespace netviz {

using namespace test;

namespace {
constexpr int64_t kSec = 1000000000LL;
constexpr int64_t kT0 = 1368627667LL * kSec;

void feed(CaptureStats& s, const Bytes& frame, int64_t t, uint64_t wire_bytes) {
    s.add(classify_packet(1, frame.data(), static_cast<uint32_t>(frame.size())), t, wire_bytes);
}

std::string ip_text(uint32_t n) {
    return std::to_string(n >> 24) + "." + std::to_string(n >> 16 & 255) + "." + std::to_string(n >> 8 & 255) + "." +
           std::to_string(n & 255);
}
}  // namespace

class CaptureStatsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CaptureStatsTest);
    CPPUNIT_TEST(totals_and_transport_shares);
    CPPUNIT_TEST(top_addresses_and_ports_by_bytes);
    CPPUNIT_TEST(top_n_stays_within_the_cap_on_an_address_scan);
    CPPUNIT_TEST(first_and_last_are_earliest_and_latest);
    CPPUNIT_TEST(packet_time_is_clamped);
    CPPUNIT_TEST_SUITE_END();

public:
    void totals_and_transport_shares() {
        CaptureStats s(100);
        feed(s, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80))), kT0, 600);
        feed(s, ethernet(0x86dd, ipv6("::1", "::2", 17, udp(1000, 53))), kT0, 300);
        feed(s, ethernet(0x0806, arp_request()), kT0, 60);
        feed(s, ethernet(0x0800, ipv4("10.0.0.3", "10.0.0.4", 6, tcp(1, 2)), {9}), kT0, 30);
        feed(s, ethernet(0x88cc, Bytes(40, 0)), kT0, 10);
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), s.packets());
        CPPUNIT_ASSERT_EQUAL(uint64_t(1000), s.bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(600), s.transport_bytes(Transport::Ipv4));
        CPPUNIT_ASSERT_EQUAL(uint64_t(300), s.transport_bytes(Transport::Ipv6));
        CPPUNIT_ASSERT_EQUAL(uint64_t(60), s.transport_bytes(Transport::Arp));
        CPPUNIT_ASSERT_EQUAL(uint64_t(30), s.transport_bytes(Transport::Vlan));
        CPPUNIT_ASSERT_EQUAL(uint64_t(10), s.transport_bytes(Transport::Other));
        CPPUNIT_ASSERT_EQUAL(uint64_t(930), s.sources().total());  // bytes with IP addresses
        CPPUNIT_ASSERT_EQUAL(uint64_t(930), s.source_ports().total());
    }

    void top_addresses_and_ports_by_bytes() {
        CaptureStats s(100);
        // A server 10.0.0.80:80 answering three clients; responses are larger.
        for (int c = 1; c <= 3; ++c) {
            const std::string client = "10.0.1." + std::to_string(c);
            const uint16_t eport = static_cast<uint16_t>(50000 + c);
            for (int i = 0; i < c; ++i) {
                feed(s, ethernet(0x0800, ipv4(client.c_str(), "10.0.0.80", 6, tcp(eport, 80))), kT0 + i, 100);
                feed(s, ethernet(0x0800, ipv4("10.0.0.80", client.c_str(), 6, tcp(80, eport))), kT0 + i, 1000);
            }
        }
        const auto src = s.sources().top(3);
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.80"), src[0].key.text());
        CPPUNIT_ASSERT_EQUAL(uint64_t(6000), src[0].count);
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.1.3"), src[1].key.text());
        CPPUNIT_ASSERT_EQUAL(uint64_t(300), src[1].count);
        const auto dst = s.destinations().top(1);
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.1.3"), dst[0].key.text());
        CPPUNIT_ASSERT_EQUAL(uint64_t(3000), dst[0].count);
        CPPUNIT_ASSERT_EQUAL(uint16_t(80), s.source_ports().top(1)[0].key);
        CPPUNIT_ASSERT_EQUAL(uint16_t(50003), s.destination_ports().top(1)[0].key);
        // Both directions of every conversation are the HTTP service.
        CPPUNIT_ASSERT_EQUAL(uint64_t(6600), s.service_ports().count_of(80));
        CPPUNIT_ASSERT_EQUAL(size_t(1), s.service_ports().size());
    }

    void top_n_stays_within_the_cap_on_an_address_scan() {
        // 10.9.9.9 sends 40% of the bytes to one host while 20000 scanners send one packet each.
        CaptureStats s(32);
        for (uint32_t i = 0; i < 20000; ++i) {
            const std::string src = ip_text(0x0b000000u + i);
            feed(s, ethernet(0x0800, ipv4(src.c_str(), "10.0.0.1", 6, tcp(static_cast<uint16_t>(1024 + i % 60000), 22))),
                 kT0 + i, 60);
            if (i % 4 == 0) feed(s, ethernet(0x0800, ipv4("10.9.9.9", "10.0.0.1", 6, tcp(40000, 443))), kT0 + i, 160);
        }
        CPPUNIT_ASSERT(s.sources().size() <= 32);
        CPPUNIT_ASSERT(s.source_ports().size() <= 32);
        CPPUNIT_ASSERT(s.sources().saturated());
        const auto top = s.sources().top(1)[0];
        CPPUNIT_ASSERT_EQUAL(std::string("10.9.9.9"), top.key.text());
        CPPUNIT_ASSERT(top.count >= 5000 * 160);
        CPPUNIT_ASSERT_EQUAL(uint64_t(20000 * 60 + 5000 * 160), s.sources().total());
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.1"), s.destinations().top(1)[0].key.text());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.destinations().top(1)[0].error);
    }

    void first_and_last_are_earliest_and_latest() {
        CaptureStats s(10);
        const Bytes f = ethernet(0x0806, arp_request());
        feed(s, f, kT0 + 5 * kSec, 60);
        feed(s, f, kT0, 60);
        feed(s, f, kT0 + 2 * kSec, 60);
        CPPUNIT_ASSERT_EQUAL(kT0, s.first_ns());
        CPPUNIT_ASSERT_EQUAL(kT0 + 5 * kSec, s.last_ns());
        CPPUNIT_ASSERT_EQUAL(uint64_t(180), s.transport_bytes(Transport::Arp));
    }

    void packet_time_is_clamped() {
        CPPUNIT_ASSERT_EQUAL(kT0 + 123, packet_time_ns(kT0 / kSec, 123));
        CPPUNIT_ASSERT_EQUAL(int64_t{4500000000} * kSec, packet_time_ns(INT64_MAX, 0));
        CPPUNIT_ASSERT_EQUAL(-int64_t{4500000000} * kSec, packet_time_ns(INT64_MIN, 0));
        CPPUNIT_ASSERT_EQUAL(int64_t(999999999), packet_time_ns(0, 4000000000u));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CaptureStatsTest);

}  // namespace netviz
}  // namespace tcpflow
