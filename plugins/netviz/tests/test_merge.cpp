// -j N runs one netviz instance per worker and merges them at the end: the
// merged statistics must equal those of one instance that saw every packet
// (the report and the histogram dump are made from them), whatever the split
// and the order, as long as the single instance's counts are exact.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <vector>

#include "capture_stats.h"
#include "histogram_dump.h"
#include "packet_builder.h"

namespace tcpflow {
namespace netviz {

using namespace test;

namespace {
constexpr int64_t kMs = 1000000LL;
constexpr int64_t kSec = 1000 * kMs;
constexpr int64_t kT0 = 1368627667LL * kSec + 123 * kMs;

struct Packet {
    Bytes frame;
    int64_t t;
    uint64_t bytes;
};

// A capture-like sequence: a few hosts, ports and protocols, times mostly
// increasing with some packets out of order, spread over `span`.
std::vector<Packet> packets(unsigned seed, size_t n, int64_t span) {
    std::mt19937 rng(seed);
    std::vector<Packet> out;
    for (size_t i = 0; i < n; ++i) {
        const std::string a = "10.0.0." + std::to_string(1 + rng() % 20), b = "10.0.1." + std::to_string(1 + rng() % 5);
        const uint16_t sport = static_cast<uint16_t>(40000 + rng() % 50), dport = static_cast<uint16_t>(rng() % 2 ? 80 : 443);
        Bytes frame;
        switch (rng() % 4) {
        case 0: frame = ethernet(0x0800, ipv4(a.c_str(), b.c_str(), 6, tcp(sport, dport))); break;
        case 1: frame = ethernet(0x0800, ipv4(b.c_str(), a.c_str(), 6, tcp(dport, sport))); break;
        case 2: frame = ethernet(0x86dd, ipv6("::1", "::2", 17, udp(sport, 53))); break;
        default: frame = ethernet(0x0806, arp_request()); break;
        }
        int64_t t = kT0 + static_cast<int64_t>(i) * span / static_cast<int64_t>(n);
        if (rng() % 10 == 0) t -= static_cast<int64_t>(rng() % 1000) * kMs;  // out of order
        out.push_back({frame, t, 60 + rng() % 1400});
    }
    return out;
}

void feed(CaptureStats& s, const Packet& p) {
    s.add(classify_packet(1, p.frame.data(), static_cast<uint32_t>(p.frame.size())), p.t, p.bytes);
}

std::string dump(const CaptureStats& s) {
    std::ostringstream out;
    dump_histograms(out, s);
    return out.str();
}

// The packets split among `workers` instances by `pick`, merged in order.
template <class Pick>
std::string merged_dump(const std::vector<Packet>& ps, size_t workers, size_t capacity, Pick pick) {
    std::vector<CaptureStats> parts;
    for (size_t w = 0; w < workers; ++w) parts.emplace_back(capacity);
    for (size_t i = 0; i < ps.size(); ++i) feed(parts[pick(i) % workers], ps[i]);
    for (size_t w = 1; w < workers; ++w) parts[0].merge(parts[w]);
    return dump(parts[0]);
}

std::string single_dump(const std::vector<Packet>& ps, size_t capacity) {
    CaptureStats one(capacity);
    for (const Packet& p : ps) feed(one, p);
    return dump(one);
}
}  // namespace

class MergeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MergeTest);
    CPPUNIT_TEST(merged_instances_equal_one_instance);
    CPPUNIT_TEST(merge_follows_the_coarser_width_and_the_union_span);
    CPPUNIT_TEST(an_empty_instance_changes_nothing);
    CPPUNIT_TEST(histogram_does_not_depend_on_packet_order);
    CPPUNIT_TEST(saturated_counters_stay_upper_bounds);
    CPPUNIT_TEST_SUITE_END();

public:
    void merged_instances_equal_one_instance() {
        for (int64_t span : {2 * kMs, 3 * kSec, 400 * kSec, 3 * 86400 * kSec}) {
            const auto ps = packets(static_cast<unsigned>(span % 1000 + 7), 2000, span);
            const std::string one = single_dump(ps, 1000);
            for (size_t workers : {2, 3, 7}) {
                std::mt19937 rng(static_cast<unsigned>(workers));
                std::vector<size_t> owner(ps.size());
                for (auto& o : owner) o = rng();
                CPPUNIT_ASSERT_EQUAL(one, merged_dump(ps, workers, 1000, [&](size_t i) { return owner[i]; }));
            }
        }
    }

    void merge_follows_the_coarser_width_and_the_union_span() {
        // One instance saw 2 ms (1 ms buckets), the other 40 s later (also fine):
        // together they need the width that fits 40 s in 100 bars.
        TimeHistogram a, b, one;
        for (int64_t t : {kT0, kT0 + 2 * kMs}) {
            a.add(t, 10, true, 80);
            one.add(t, 10, true, 80);
        }
        for (int64_t t : {kT0 + 40 * kSec, kT0 + 40 * kSec + 1 * kMs}) {
            b.add(t, 5, true, 443);
            one.add(t, 5, true, 443);
        }
        CPPUNIT_ASSERT_EQUAL(std::string("1 ms"), std::string(a.width().label));
        a.merge(b);
        CPPUNIT_ASSERT_EQUAL(std::string(one.width().label), std::string(a.width().label));
        CPPUNIT_ASSERT_EQUAL(std::string("500 ms"), std::string(a.width().label));
        CPPUNIT_ASSERT_EQUAL(one.buckets().size(), a.buckets().size());
        CPPUNIT_ASSERT_EQUAL(one.bucket_start(0), a.bucket_start(0));
        for (size_t i = 0; i < one.buckets().size(); ++i) {
            CPPUNIT_ASSERT_EQUAL(one.buckets()[i].bytes, a.buckets()[i].bytes);
            CPPUNIT_ASSERT_EQUAL(one.buckets()[i].packets, a.buckets()[i].packets);
            CPPUNIT_ASSERT_EQUAL(one.buckets()[i].ports.count_of(80), a.buckets()[i].ports.count_of(80));
            CPPUNIT_ASSERT_EQUAL(one.buckets()[i].ports.count_of(443), a.buckets()[i].ports.count_of(443));
        }
    }

    void an_empty_instance_changes_nothing() {
        const auto ps = packets(3, 300, 10 * kSec);
        const std::string one = single_dump(ps, 1000);
        // Every packet on worker 0 (e.g. one connection): the others stay empty.
        CPPUNIT_ASSERT_EQUAL(one, merged_dump(ps, 4, 1000, [](size_t) { return size_t(0); }));
        // ... or every packet on the last worker: the first instance is empty.
        CPPUNIT_ASSERT_EQUAL(one, merged_dump(ps, 4, 1000, [](size_t) { return size_t(3); }));
    }

    void histogram_does_not_depend_on_packet_order() {
        // The grid is anchored on the epoch, not on the first packet, so a
        // worker whose first packet is not the capture's first still agrees.
        auto ps = packets(11, 500, 70 * kSec);
        const std::string one = single_dump(ps, 1000);
        std::reverse(ps.begin(), ps.end());
        CPPUNIT_ASSERT_EQUAL(one, single_dump(ps, 1000));
    }

    void saturated_counters_stay_upper_bounds() {
        // More distinct source ports than the capacity: the counts are
        // approximate in both runs (the dump and the report say so), and a
        // merged count is never below the true one.
        const auto ps = packets(5, 3000, 5 * kSec);
        CaptureStats exact(100000), parts[3] = {CaptureStats(8), CaptureStats(8), CaptureStats(8)};
        for (size_t i = 0; i < ps.size(); ++i) {
            feed(exact, ps[i]);
            feed(parts[i % 3], ps[i]);
        }
        parts[0].merge(parts[1]);
        parts[0].merge(parts[2]);
        CPPUNIT_ASSERT(parts[0].source_ports().saturated());
        CPPUNIT_ASSERT_EQUAL(exact.source_ports().total(), parts[0].source_ports().total());
        CPPUNIT_ASSERT_EQUAL(exact.packets(), parts[0].packets());
        CPPUNIT_ASSERT_EQUAL(exact.bytes(), parts[0].bytes());
        for (const auto& e : parts[0].source_ports().top(8))
            CPPUNIT_ASSERT(e.count >= exact.source_ports().count_of(e.key));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MergeTest);

}  // namespace netviz
}  // namespace tcpflow
