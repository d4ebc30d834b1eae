// Overlapping retransmissions over held bytes: FirstWins vs LastWins, conflict
// and duplicate accounting.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "recording_output.h"

namespace tcpflow {
namespace test {
namespace {

ReassemblyConfig with_policy(OverlapPolicy p) {
    ReassemblyConfig c;
    c.policy = p;
    return c;
}

// tcpflow's example AAAAAAAA@0, BBBB@0, CCCC@2, DDDD@8, shifted one byte right
// behind a missing "X" so every byte is still held when the overlaps arrive.
std::string tcpflow_overlap_example(OverlapPolicy p, ReassemblyStats& stats) {
    StreamReassembler r(with_policy(p));
    RecordingOutput out;
    r.start_with_syn(0);
    add(r, 2, "AAAAAAAA", out);
    add(r, 2, "BBBB", out);
    add(r, 4, "CCCC", out);
    add(r, 10, "DDDD", out);
    add(r, 1, "X", out);
    stats = r.stats();
    return out.stream;
}

}  // namespace

class OverlapTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OverlapTest);
    CPPUNIT_TEST(last_wins_reproduces_tcpflow_overwrite);
    CPPUNIT_TEST(first_wins_keeps_the_first_copy);
    CPPUNIT_TEST(differing_overlap_counts_one_conflict_per_segment);
    CPPUNIT_TEST(exact_duplicate_is_not_a_conflict);
    CPPUNIT_TEST(overlap_spanning_several_blocks_fills_only_the_holes);
    CPPUNIT_TEST(random_order_with_consistent_retransmissions_rebuilds_the_stream);
    CPPUNIT_TEST_SUITE_END();

public:
    void last_wins_reproduces_tcpflow_overwrite() {
        ReassemblyStats s;
        CPPUNIT_ASSERT_EQUAL(std::string("XBBCCCCAADDDD"), tcpflow_overlap_example(OverlapPolicy::LastWins, s));
    }

    void first_wins_keeps_the_first_copy() {
        ReassemblyStats s;
        CPPUNIT_ASSERT_EQUAL(std::string("XAAAAAAAADDDD"), tcpflow_overlap_example(OverlapPolicy::FirstWins, s));
    }

    void differing_overlap_counts_one_conflict_per_segment() {
        for (OverlapPolicy p : {OverlapPolicy::FirstWins, OverlapPolicy::LastWins}) {
            ReassemblyStats s;
            tcpflow_overlap_example(p, s);
            CPPUNIT_ASSERT_EQUAL(uint64_t(2), s.overlap_conflicts);  // BBBB and CCCC
            CPPUNIT_ASSERT_EQUAL(uint64_t(8), s.duplicate_bytes);    // 4 + 4 overlapped
            CPPUNIT_ASSERT_EQUAL(uint64_t(4), s.out_of_order_count);
        }
    }

    void exact_duplicate_is_not_a_conflict() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        add(r, 5, "EFGH", out);
        add(r, 6, "FG", out);
        add(r, 1, "ABCD", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGH"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().overlap_conflicts);
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), r.stats().duplicate_bytes);
    }

    void overlap_spanning_several_blocks_fills_only_the_holes() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 3, "cc", out);
        add(r, 7, "gg", out);
        add(r, 2, "bxxdexxhi", out);  // covers both blocks and the holes around them
        CPPUNIT_ASSERT_EQUAL(uint64_t(9), r.pending_bytes());
        add(r, 1, "a", out);
        CPPUNIT_ASSERT_EQUAL(std::string("abccdegghi"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().overlap_conflicts);
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), r.stats().duplicate_bytes);
    }

    void random_order_with_consistent_retransmissions_rebuilds_the_stream() {
        std::mt19937 rng(7);
        std::string truth(5000, '\0');
        for (char& c : truth) c = static_cast<char>('a' + rng() % 26);
        for (OverlapPolicy p : {OverlapPolicy::FirstWins, OverlapPolicy::LastWins}) {
            struct Seg { size_t at, len; };
            std::vector<Seg> segs;
            for (size_t at = 0; at < truth.size();) {
                size_t len = std::min<size_t>(1 + rng() % 40, truth.size() - at);
                segs.push_back({at, len});
                if (rng() % 3 == 0) {  // an overlapping retransmission
                    size_t back = rng() % 20, from = at > back ? at - back : 0;
                    segs.push_back({from, std::min<size_t>(len + back + rng() % 20, truth.size() - from)});
                }
                at += len;
            }
            std::shuffle(segs.begin(), segs.end(), rng);
            StreamReassembler r(with_policy(p));
            RecordingOutput out;
            r.start_with_syn(0xfffff000u);  // wraps on the way
            for (const Seg& s : segs)
                add(r, 0xfffff001u + static_cast<uint32_t>(s.at), truth.substr(s.at, s.len), out);
            CPPUNIT_ASSERT(out.stream == truth);
            CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().overlap_conflicts);
            CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
            CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OverlapTest);

}  // namespace test
}  // namespace tcpflow
