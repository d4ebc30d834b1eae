// The bounded top-N counter: exact below its capacity, never above it, and
// keeps the heavy hitters with honest error bounds once keys are evicted.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <random>

#include "top_counter.h"

namespace tcpflow {
namespace netviz {

class TopCounterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TopCounterTest);
    CPPUNIT_TEST(counts_are_exact_below_capacity);
    CPPUNIT_TEST(top_is_sorted_by_count_then_key);
    CPPUNIT_TEST(never_tracks_more_than_its_capacity);
    CPPUNIT_TEST(heavy_hitters_survive_a_flood_of_one_off_keys);
    CPPUNIT_TEST(every_count_bounds_the_true_weight);
    CPPUNIT_TEST(merge_adds_counts_and_keeps_the_exact_total);
    CPPUNIT_TEST(merging_into_a_full_counter_keeps_bounds);
    CPPUNIT_TEST_SUITE_END();

public:
    void counts_are_exact_below_capacity() {
        TopCounter<int> c(10);
        c.add(1, 100);
        c.add(2, 40);
        c.add(1, 5);
        c.add(3, 1);
        CPPUNIT_ASSERT_EQUAL(uint64_t(105), c.count_of(1));
        CPPUNIT_ASSERT_EQUAL(uint64_t(40), c.count_of(2));
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), c.count_of(3));
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), c.count_of(4));
        CPPUNIT_ASSERT_EQUAL(uint64_t(146), c.total());
        CPPUNIT_ASSERT(!c.saturated());
        for (const auto& e : c.top(10)) CPPUNIT_ASSERT_EQUAL(uint64_t(0), e.error);
    }

    void top_is_sorted_by_count_then_key() {
        TopCounter<int> c(10);
        for (int k : {5, 3, 9, 1}) c.add(k, 10);
        c.add(7, 50);
        const auto top = c.top(3);
        CPPUNIT_ASSERT_EQUAL(size_t(3), top.size());
        CPPUNIT_ASSERT_EQUAL(7, top[0].key);
        CPPUNIT_ASSERT_EQUAL(1, top[1].key);  // ties: smallest key first, so output is reproducible
        CPPUNIT_ASSERT_EQUAL(3, top[2].key);
        CPPUNIT_ASSERT_EQUAL(size_t(5), c.top(100).size());
    }

    void never_tracks_more_than_its_capacity() {
        TopCounter<int> c(50);
        for (int k = 0; k < 100000; ++k) c.add(k, 1);
        CPPUNIT_ASSERT_EQUAL(size_t(50), c.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(100000), c.total());
        CPPUNIT_ASSERT(c.saturated());
    }

    void heavy_hitters_survive_a_flood_of_one_off_keys() {
        // 3 keys carry 60% of the weight, interleaved with 20000 keys seen once.
        TopCounter<int> c(100);
        for (int i = 0; i < 20000; ++i) {
            c.add(1000000 + i, 10);
            if (i % 10 == 0) {
                c.add(1, 600);
                c.add(2, 300);
                c.add(3, 150);
            }
        }
        const auto top = c.top(3);
        CPPUNIT_ASSERT_EQUAL(1, top[0].key);
        CPPUNIT_ASSERT_EQUAL(2, top[1].key);
        CPPUNIT_ASSERT_EQUAL(3, top[2].key);
        // Each was present from its first add, so it stays exact.
        CPPUNIT_ASSERT_EQUAL(uint64_t(2000 * 600), top[0].count);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), top[0].error);
    }

    void every_count_bounds_the_true_weight() {
        std::mt19937 rng(42);
        std::geometric_distribution<int> key(0.01);  // skewed: a few keys dominate
        std::uniform_int_distribution<int> weight(40, 1500);
        TopCounter<int> c(64);
        std::map<int, uint64_t> truth;
        for (int i = 0; i < 50000; ++i) {
            const int k = key(rng);
            const uint64_t w = static_cast<uint64_t>(weight(rng));
            c.add(k, w);
            truth[k] += w;
        }
        uint64_t total = 0;
        for (const auto& [k, w] : truth) total += w;
        CPPUNIT_ASSERT_EQUAL(total, c.total());
        for (const auto& e : c.top(c.size())) {
            CPPUNIT_ASSERT(e.count >= truth[e.key]);
            CPPUNIT_ASSERT(e.count - e.error <= truth[e.key]);
        }
        // Space-saving guarantee: anything above total/capacity is tracked.
        for (const auto& [k, w] : truth)
            if (w > total / c.capacity()) CPPUNIT_ASSERT(c.count_of(k) >= w);
    }

    void merge_adds_counts_and_keeps_the_exact_total() {
        TopCounter<int> a(4), b(4);
        a.add(1, 10);
        a.add(2, 5);
        b.add(1, 7);
        b.add(3, 2);
        a.merge(b);
        CPPUNIT_ASSERT_EQUAL(uint64_t(17), a.count_of(1));
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), a.count_of(2));
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), a.count_of(3));
        CPPUNIT_ASSERT_EQUAL(uint64_t(24), a.total());
    }

    void merging_into_a_full_counter_keeps_bounds() {
        // Two halves of one stream, summarised apart and merged, must still
        // bound every true weight from both sides.
        std::mt19937 rng(7);
        std::geometric_distribution<int> key(0.05);
        TopCounter<int> left(16), right(16), merged(16);
        std::map<int, uint64_t> truth;
        for (int i = 0; i < 20000; ++i) {
            const int k = key(rng);
            (i % 2 ? left : right).add(k, 10);
            truth[k] += 10;
        }
        merged.merge(left);
        merged.merge(right);
        CPPUNIT_ASSERT_EQUAL(uint64_t(200000), merged.total());
        CPPUNIT_ASSERT(merged.size() <= 16);
        for (const auto& e : merged.top(16)) {
            CPPUNIT_ASSERT(e.count >= truth[e.key]);
            CPPUNIT_ASSERT(e.count - e.error <= truth[e.key]);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopCounterTest);

}  // namespace netviz
}  // namespace tcpflow
