// The time histogram: finest readable bucket width that shows the whole
// capture in at most 100 bars, exact counts through every re-bucketing.
#include <cppunit/extensions/HelperMacros.h>

#include <string>

#include "time_histogram.h"

namespace tcpflow {
namespace netviz {

namespace {
constexpr int64_t kMs = 1000000;
constexpr int64_t kSec = 1000 * kMs;
constexpr int64_t kT0 = 1368627667LL * kSec;  // 2013-05-15 14:21:07 UTC

uint64_t total_bytes(const TimeHistogram& h) {
    uint64_t sum = 0;
    for (const auto& b : h.buckets()) sum += b.bytes;
    return sum;
}
}  // namespace

class TimeHistogramTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TimeHistogramTest);
    CPPUNIT_TEST(one_packet_makes_one_finest_bucket);
    CPPUNIT_TEST(three_seconds_use_50_ms_buckets);
    CPPUNIT_TEST(just_over_5_seconds_moves_to_100_ms);
    CPPUNIT_TEST(an_hour_uses_one_minute_buckets);
    CPPUNIT_TEST(width_is_the_finest_that_fits_for_any_span);
    CPPUNIT_TEST(ladder_widths_divide_each_other);
    CPPUNIT_TEST(packets_land_in_their_buckets_after_rebucketing);
    CPPUNIT_TEST(a_packet_older_than_the_first_extends_the_start);
    CPPUNIT_TEST(ports_are_counted_per_bucket);
    CPPUNIT_TEST(extreme_timestamps_stay_bounded);
    CPPUNIT_TEST_SUITE_END();

public:
    void one_packet_makes_one_finest_bucket() {
        TimeHistogram h;
        h.add(kT0, 60, false, 0);
        CPPUNIT_ASSERT_EQUAL(size_t(1), h.buckets().size());
        CPPUNIT_ASSERT_EQUAL(std::string("1 ms"), std::string(h.width().label));
        CPPUNIT_ASSERT_EQUAL(uint64_t(60), h.buckets()[0].bytes);
        CPPUNIT_ASSERT_EQUAL(kT0, h.bucket_start(0));
    }

    void three_seconds_use_50_ms_buckets() {
        TimeHistogram h;
        h.add(kT0, 100, false, 0);
        h.add(kT0 + 2999 * kMs, 200, false, 0);
        // 10 ms would need 300 bars; 50 ms needs 60.
        CPPUNIT_ASSERT_EQUAL(std::string("50 ms"), std::string(h.width().label));
        CPPUNIT_ASSERT_EQUAL(size_t(60), h.buckets().size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(100), h.buckets().front().bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(200), h.buckets().back().bytes);
    }

    void just_over_5_seconds_moves_to_100_ms() {
        TimeHistogram h;
        h.add(kT0, 1, false, 0);
        h.add(kT0 + 4999 * kMs, 1, false, 0);
        CPPUNIT_ASSERT_EQUAL(std::string("50 ms"), std::string(h.width().label));
        CPPUNIT_ASSERT_EQUAL(size_t(100), h.buckets().size());
        h.add(kT0 + 5000 * kMs, 1, false, 0);  // bucket 100 would be the 101st bar
        CPPUNIT_ASSERT_EQUAL(std::string("100 ms"), std::string(h.width().label));
        CPPUNIT_ASSERT_EQUAL(size_t(51), h.buckets().size());
    }

    void an_hour_uses_one_minute_buckets() {
        TimeHistogram h;
        for (int64_t s = 0; s <= 3600; s += 7) h.add(kT0 + s * kSec, 10, false, 0);
        CPPUNIT_ASSERT_EQUAL(std::string("1 min"), std::string(h.width().label));
        // 0..3597 s from 14:21:07: buckets start on whole minutes, 14:21 to 15:21.
        CPPUNIT_ASSERT_EQUAL(size_t(61), h.buckets().size());
        CPPUNIT_ASSERT_EQUAL(kT0 - 7 * kSec, h.bucket_start(0));
        CPPUNIT_ASSERT_EQUAL(uint64_t(10 * (3600 / 7 + 1)), total_bytes(h));
    }

    void width_is_the_finest_that_fits_for_any_span() {
        const auto& ladder = TimeHistogram::ladder();
        for (int64_t span = 1; span < 400LL * 86400 * kSec; span = span * 3 + 7) {
            TimeHistogram h;
            h.add(kT0, 1, false, 0);
            h.add(kT0 + span, 1, false, 0);
            const int64_t w = h.width().ns;
            CPPUNIT_ASSERT(h.buckets().size() <= 100);
            // Buckets start on whole multiples of the width since the epoch.
            auto bars = [&](int64_t width) { return static_cast<size_t>((kT0 + span) / width - kT0 / width + 1); };
            CPPUNIT_ASSERT_EQUAL(bars(w), h.buckets().size());
            size_t level = 0;
            while (ladder[level].ns != w) ++level;
            if (level > 0) CPPUNIT_ASSERT(bars(ladder[level - 1].ns) > 100);  // the finer width would not fit
        }
    }

    void ladder_widths_divide_each_other() {
        const auto& ladder = TimeHistogram::ladder();
        for (size_t i = 1; i < ladder.size(); ++i) {
            CPPUNIT_ASSERT(ladder[i].ns > ladder[i - 1].ns);
            CPPUNIT_ASSERT_EQUAL(int64_t(0), ladder[i].ns % ladder[i - 1].ns);
        }
    }

    void packets_land_in_their_buckets_after_rebucketing() {
        TimeHistogram h;
        h.add(kT0, 1, false, 0);
        h.add(kT0 + 1 * kMs, 2, false, 0);     // 1 ms buckets: index 1
        h.add(kT0 + 499 * kMs, 4, false, 0);   // now 5 ms: index 99
        h.add(kT0 + 500 * kMs, 8, false, 0);   // 10 ms: index 50
        h.add(kT0 + 2999 * kMs, 16, false, 0); // 50 ms: index 59
        CPPUNIT_ASSERT_EQUAL(std::string("50 ms"), std::string(h.width().label));
        const auto& b = h.buckets();
        CPPUNIT_ASSERT_EQUAL(size_t(60), b.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(3), b[0].bytes);   // 0 and 1 ms
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), b[0].packets);
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), b[9].bytes);   // 499 ms
        CPPUNIT_ASSERT_EQUAL(uint64_t(8), b[10].bytes);  // 500 ms
        CPPUNIT_ASSERT_EQUAL(uint64_t(16), b[59].bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(31), total_bytes(h));
    }

    void a_packet_older_than_the_first_extends_the_start() {
        TimeHistogram h;
        h.add(kT0, 1, false, 0);
        h.add(kT0 + 90 * kMs, 2, false, 0);
        h.add(kT0 - 3 * kMs, 4, false, 0);  // out of order in the file
        CPPUNIT_ASSERT_EQUAL(std::string("1 ms"), std::string(h.width().label));
        CPPUNIT_ASSERT_EQUAL(size_t(94), h.buckets().size());
        CPPUNIT_ASSERT_EQUAL(kT0 - 3 * kMs, h.bucket_start(0));
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), h.buckets()[0].bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), h.buckets()[3].bytes);
        h.add(kT0 - 20 * kMs, 8, false, 0);  // 111 ms in all: 5 ms buckets
        CPPUNIT_ASSERT_EQUAL(std::string("5 ms"), std::string(h.width().label));
        CPPUNIT_ASSERT_EQUAL(kT0 - 20 * kMs, h.bucket_start(0));
        CPPUNIT_ASSERT_EQUAL(uint64_t(15), total_bytes(h));
    }

    void ports_are_counted_per_bucket() {
        TimeHistogram h;
        h.add(kT0, 100, true, 80);
        h.add(kT0, 50, true, 443);
        h.add(kT0, 7, false, 0);
        h.add(kT0 + 10 * kMs, 30, true, 80);
        CPPUNIT_ASSERT_EQUAL(uint64_t(100), h.buckets()[0].ports.count_of(80));
        CPPUNIT_ASSERT_EQUAL(uint64_t(50), h.buckets()[0].ports.count_of(443));
        CPPUNIT_ASSERT_EQUAL(uint64_t(157), h.buckets()[0].bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(30), h.buckets()[10].ports.count_of(80));
    }

    void extreme_timestamps_stay_bounded() {
        TimeHistogram h;
        h.add(-4500000000LL * kSec, 1, false, 0);
        h.add(4500000000LL * kSec, 1, false, 0);
        CPPUNIT_ASSERT(h.buckets().size() <= 100);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), total_bytes(h));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TimeHistogramTest);

}  // namespace netviz
}  // namespace tcpflow
