// Holes given up (flush, memory cap), the memory bound under hostile input,
// and FIN completion.
#include <cppunit/extensions/HelperMacros.h>

#include <string>

#include "recording_output.h"

namespace tcpflow {
namespace test {
namespace {

ReassemblyConfig with_cap(uint64_t cap) {
    ReassemblyConfig c;
    c.max_pending_bytes = cap;
    return c;
}

}  // namespace

class GapsAndFinTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(GapsAndFinTest);
    CPPUNIT_TEST(flush_gives_up_holes_in_order_and_accounts_them);
    CPPUNIT_TEST(flush_without_holes_reports_no_zero_length_gap);
    CPPUNIT_TEST(forced_gap_when_max_pending_bytes_exceeded);
    CPPUNIT_TEST(gap_records_stop_at_the_limit_but_bytes_are_counted);
    CPPUNIT_TEST(hostile_interleaved_bytes_stay_under_the_memory_cap);
    CPPUNIT_TEST(interleaved_bytes_merge_into_few_blocks);
    CPPUNIT_TEST(backward_filling_is_correct);
    CPPUNIT_TEST(fin_completes_only_when_every_byte_before_it_is_delivered);
    CPPUNIT_TEST(retransmitted_fin_and_data_after_fin_are_accepted);
    CPPUNIT_TEST(midstream_flow_held_up_to_its_fin_is_complete);
    CPPUNIT_TEST(syn_flow_without_data_completes_on_fin);
    CPPUNIT_TEST_SUITE_END();

public:
    void flush_gives_up_holes_in_order_and_accounts_them() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 1, "ABCD", out);
        add(r, 9, "IJKL", out);
        add(r, 15, "OP", out);
        r.flush(out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCD\0\0\0\0IJKL\0\0OP", 16), out.stream);
        CPPUNIT_ASSERT_EQUAL(size_t(2), out.gaps.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), out.gaps[0].offset);
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), out.gaps[0].length);
        CPPUNIT_ASSERT_EQUAL(uint64_t(12), out.gaps[1].offset);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), out.gaps[1].length);
        const ReassemblyStats& s = r.stats();
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), s.gap_bytes);
        CPPUNIT_ASSERT_EQUAL(size_t(2), s.gaps.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(12), s.gaps[1].offset);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.forced_gaps);
        CPPUNIT_ASSERT_EQUAL(uint64_t(10), s.delivered_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
        CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
    }

    void flush_without_holes_reports_no_zero_length_gap() {
        StreamReassembler r;
        RecordingOutput out;
        r.flush(out);  // not started: nothing at all
        r.start_with_syn(0);
        add(r, 1, "ABCD", out);
        r.flush(out);
        r.flush(out);
        CPPUNIT_ASSERT(out.gaps.empty());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().gap_bytes);
        CPPUNIT_ASSERT(r.stats().gaps.empty());
        add(r, 5, "EF", out);  // still usable after a flush
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEF"), out.stream);
    }

    void forced_gap_when_max_pending_bytes_exceeded() {
        const uint64_t cap = 30 + PendingBlocks::kBlockOverhead + 10;
        StreamReassembler r(with_cap(cap));
        RecordingOutput out;
        r.start_with_syn(0);
        const std::string a(30, 'a'), b(30, 'b');
        add(r, 11, a, out);  // offsets 10..40, behind a hole at 0..10
        CPPUNIT_ASSERT(out.stream.empty());
        add(r, 51, b, out);  // offsets 50..80: two blocks exceed the cap
        CPPUNIT_ASSERT_EQUAL(size_t(1), out.gaps.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), out.gaps[0].offset);
        CPPUNIT_ASSERT_EQUAL(uint64_t(10), out.gaps[0].length);
        CPPUNIT_ASSERT_EQUAL(std::string(10, '\0') + a, out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(40), r.next_offset());
        CPPUNIT_ASSERT_EQUAL(uint64_t(30), r.pending_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().forced_gaps);
        CPPUNIT_ASSERT_EQUAL(uint64_t(10), r.stats().gap_bytes);
        CPPUNIT_ASSERT(r.memory_used() <= cap);
    }

    void gap_records_stop_at_the_limit_but_bytes_are_counted() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        const size_t holes = StreamReassembler::kMaxGapRecords + 10;
        for (size_t i = 0; i < holes; ++i) add(r, 1 + static_cast<uint32_t>(2 * i + 1), "x", out);
        r.flush(out);
        CPPUNIT_ASSERT_EQUAL(holes, out.gaps.size());
        CPPUNIT_ASSERT_EQUAL(StreamReassembler::kMaxGapRecords, r.stats().gaps.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(holes), r.stats().gap_bytes);
    }

    void hostile_interleaved_bytes_stay_under_the_memory_cap() {
        // 100000 one-byte segments at every other offset behind a hole at 0:
        // without per-block accounting this is 100000 map nodes for 100 KB.
        const uint64_t cap = 64u << 10;
        StreamReassembler r(with_cap(cap));
        RecordingOutput out;
        out.keep_bytes = false;
        r.start_with_syn(0);
        uint64_t max_pending = 0, max_memory = 0;
        for (uint32_t i = 0; i < 100000; ++i) {
            add(r, 1 + 2 * i + 1, "z", out);
            max_pending = std::max(max_pending, r.pending_bytes());
            max_memory = std::max(max_memory, r.memory_used());
        }
        CPPUNIT_ASSERT(max_memory <= cap);
        CPPUNIT_ASSERT(max_pending <= cap);
        CPPUNIT_ASSERT(r.pending_blocks() <= cap / PendingBlocks::kBlockOverhead);
        CPPUNIT_ASSERT(r.stats().forced_gaps > 0);
        r.flush(out);
        const ReassemblyStats& s = r.stats();
        CPPUNIT_ASSERT_EQUAL(uint64_t(100000), s.delivered_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(200000), s.delivered_bytes + s.gap_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(200000), out.end());
        CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
    }

    void interleaved_bytes_merge_into_few_blocks() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        std::string truth;
        for (int i = 0; i < 2000; ++i) truth += static_cast<char>('a' + i % 26);
        for (uint32_t i = 1; i < truth.size(); i += 2) add(r, 1 + i, truth.substr(i, 1), out);
        CPPUNIT_ASSERT_EQUAL(size_t(1000), r.pending_blocks());
        for (uint32_t i = 2; i < truth.size(); i += 2) add(r, 1 + i, truth.substr(i, 1), out);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.pending_blocks());
        add(r, 1, truth.substr(0, 1), out);
        CPPUNIT_ASSERT(truth == out.stream);
        CPPUNIT_ASSERT_EQUAL(size_t(0), r.pending_blocks());
    }

    void backward_filling_is_correct() {
        // Segments arriving from the end towards the start: each is adjacent to a
        // larger block on its right, the case where merging could go quadratic.
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        std::string truth;
        for (int i = 0; i < 100000; ++i) truth += static_cast<char>('a' + i % 26);
        for (uint32_t i = static_cast<uint32_t>(truth.size()) - 4; i >= 4; i -= 4)
            add(r, 1 + i, truth.substr(i, 4), out);
        CPPUNIT_ASSERT(out.stream.empty());
        add(r, 1, truth.substr(0, 4), out);
        CPPUNIT_ASSERT(truth == out.stream);
    }

    void fin_completes_only_when_every_byte_before_it_is_delivered() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 1, "ABCD", out);
        add(r, 9, "IJKL", out);
        r.fin(13);
        CPPUNIT_ASSERT(!r.complete());
        add(r, 5, "EFGH", out);
        CPPUNIT_ASSERT(r.complete());
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJKL"), out.stream);
    }

    void retransmitted_fin_and_data_after_fin_are_accepted() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 1, "ABCD", out);
        r.fin(5);
        r.fin(5);
        CPPUNIT_ASSERT(r.complete());
        add(r, 5, "after", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDafter"), out.stream);
        CPPUNIT_ASSERT(r.complete());
        add(r, 20, "far", out);  // held beyond the FIN: something is still missing
        CPPUNIT_ASSERT(!r.complete());
    }

    void midstream_flow_held_up_to_its_fin_is_complete() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_midstream(100);
        add(r, 100, "ABCD", out);
        r.fin(110);
        CPPUNIT_ASSERT(!r.complete());
        add(r, 104, "EFGHIJ", out);
        CPPUNIT_ASSERT(r.complete());
        CPPUNIT_ASSERT(out.stream.empty());
        r.flush(out);
        CPPUNIT_ASSERT(out.gaps.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJ"), out.stream);
    }

    void syn_flow_without_data_completes_on_fin() {
        StreamReassembler r;
        r.start_with_syn(41);
        CPPUNIT_ASSERT(!r.complete());
        r.fin(42);
        CPPUNIT_ASSERT(r.complete());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GapsAndFinTest);

}  // namespace test
}  // namespace tcpflow
