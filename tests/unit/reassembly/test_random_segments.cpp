// Random segment soup: checks the invariants every caller relies on, and the
// FirstWins result against a trivial model (each byte = its first arrival).
#include <cppunit/extensions/HelperMacros.h>

#include <random>
#include <string>
#include <vector>

#include "recording_output.h"

namespace tcpflow {
namespace test {

class RandomSegmentsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RandomSegmentsTest);
    CPPUNIT_TEST(first_wins_stream_is_each_bytes_first_arrival);
    CPPUNIT_TEST(any_input_keeps_output_ordered_and_memory_capped);
    CPPUNIT_TEST_SUITE_END();

public:
    void first_wins_stream_is_each_bytes_first_arrival() {
        std::mt19937 rng(11);
        for (int round = 0; round < 200; ++round) {
            const uint32_t isn = static_cast<uint32_t>(rng());
            StreamReassembler r;
            RecordingOutput out;
            r.start_with_syn(isn);
            std::string model;
            std::vector<bool> written;
            for (int i = 0; i < 60; ++i) {
                const size_t at = rng() % 300, len = 2 + rng() % 30;  // 2+: no keep-alives
                std::string seg(len, '\0');
                for (char& c : seg) c = static_cast<char>('a' + rng() % 3);
                if (model.size() < at + len) {
                    model.resize(at + len, '\0');
                    written.resize(at + len, false);
                }
                for (size_t k = 0; k < len; ++k)
                    if (!written[at + k]) model[at + k] = seg[k], written[at + k] = true;
                add(r, isn + 1 + static_cast<uint32_t>(at), seg, out);
            }
            r.flush(out);
            CPPUNIT_ASSERT(model == out.stream);
            CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
        }
    }

    void any_input_keeps_output_ordered_and_memory_capped() {
        std::mt19937 rng(3);
        for (int round = 0; round < 300; ++round) {
            ReassemblyConfig cfg;
            cfg.policy = round % 2 ? OverlapPolicy::LastWins : OverlapPolicy::FirstWins;
            cfg.max_pending_bytes = 100 + rng() % 2000;
            cfg.midstream_hold_bytes = rng() % 200;
            StreamReassembler r(cfg);
            RecordingOutput out;
            const uint32_t first = static_cast<uint32_t>(rng());
            if (round % 3) r.start_with_syn(first); else r.start_midstream(first);
            std::vector<uint8_t> buf(600, 'q');
            for (int i = 0; i < 200; ++i) {
                const uint32_t seq = first + static_cast<uint32_t>(static_cast<int32_t>(rng() % 5000) - 500);
                r.add(seq, buf.data(), rng() % buf.size(), out);
                if (rng() % 50 == 0) r.fin(first + static_cast<uint32_t>(rng() % 5000));
                CPPUNIT_ASSERT(r.memory_used() <= cfg.max_pending_bytes);
                CPPUNIT_ASSERT(r.pending_bytes() <= cfg.max_pending_bytes);
                CPPUNIT_ASSERT(r.next_offset() <= r.highest_offset());
            }
            r.flush(out);
            const ReassemblyStats& s = r.stats();
            CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
            CPPUNIT_ASSERT_EQUAL(r.next_offset(), out.end());
            CPPUNIT_ASSERT_EQUAL(r.next_offset(), s.delivered_bytes + s.gap_bytes);
            CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RandomSegmentsTest);

}  // namespace test
}  // namespace tcpflow
