// Where byte 0 is: SYN flows (fixed at ISN+1, data before it is a violation)
// and midstream pickups (byte 0 moves back while the first bytes are held).
#include <cppunit/extensions/HelperMacros.h>

#include <string>

#include "recording_output.h"

namespace tcpflow {
namespace test {
namespace {

ReassemblyConfig with_hold(uint64_t hold) {
    ReassemblyConfig c;
    c.midstream_hold_bytes = hold;
    return c;
}

}  // namespace

class StreamStartTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StreamStartTest);
    CPPUNIT_TEST(midstream_earlier_data_moves_the_start_back);
    CPPUNIT_TEST(midstream_holds_until_threshold_then_start_is_fixed);
    CPPUNIT_TEST(midstream_with_zero_hold_delivers_at_once);
    CPPUNIT_TEST(midstream_add_before_start_starts_the_flow);
    CPPUNIT_TEST(syn_payload_is_stored_at_offset_0_and_counted_as_violation);
    CPPUNIT_TEST(data_before_the_isn_of_a_syn_flow_is_a_violation);
    CPPUNIT_TEST(segment_straddling_the_isn_keeps_its_part_after_it);
    CPPUNIT_TEST(second_start_is_ignored);
    CPPUNIT_TEST_SUITE_END();

public:
    void midstream_earlier_data_moves_the_start_back() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_midstream(10000);
        add(r, 10000, "WORLD", out);
        add(r, 9995, "HELLO", out);
        add(r, 10005, "!!", out);
        CPPUNIT_ASSERT(out.stream.empty());  // still holding
        CPPUNIT_ASSERT_EQUAL(uint32_t(9995), r.first_seq());
        CPPUNIT_ASSERT_EQUAL(uint64_t(12), r.highest_offset());
        r.flush(out);
        CPPUNIT_ASSERT_EQUAL(std::string("HELLOWORLD!!"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().out_of_order_count);
        CPPUNIT_ASSERT(out.gaps.empty());
    }

    void midstream_holds_until_threshold_then_start_is_fixed() {
        StreamReassembler r(with_hold(8));
        RecordingOutput out;
        r.start_midstream(100);
        add(r, 100, "ABCD", out);
        CPPUNIT_ASSERT(out.stream.empty());
        add(r, 104, "EFGH", out);  // 8 bytes held: byte 0 is fixed, delivery starts
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGH"), out.stream);
        add(r, 90, "xx", out);     // too late to move the start
        add(r, 108, "IJ", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJ"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().before_start_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().violations);
        CPPUNIT_ASSERT_EQUAL(uint32_t(100), r.first_seq());
    }

    void midstream_with_zero_hold_delivers_at_once() {
        StreamReassembler r(with_hold(0));
        RecordingOutput out;
        r.start_midstream(100);
        const uint8_t d[] = {'A', 'B'};
        r.add(100, d, 2, out);
        CPPUNIT_ASSERT_EQUAL(size_t(1), out.calls.size());
        CPPUNIT_ASSERT(out.calls[0].data == d);
    }

    void midstream_add_before_start_starts_the_flow() {
        StreamReassembler r;
        RecordingOutput out;
        add(r, 500, "abc", out);
        CPPUNIT_ASSERT(r.started());
        CPPUNIT_ASSERT_EQUAL(uint32_t(500), r.first_seq());
        r.flush(out);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), out.stream);
    }

    void syn_payload_is_stored_at_offset_0_and_counted_as_violation() {
        // tcpflow's case: SYN carrying "syndata", then "abc" at ISN+1, then data
        // before the ISN. tcpflow's file says "abcdata" because it overwrites;
        // here the SYN payload was delivered already and cannot change.
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(1000);
        const std::string syn = "syndata";
        r.add_syn_payload(1000, bytes(syn.c_str()), syn.size(), out);
        add(r, 1001, "abc", out);
        add(r, 990, "zz", out);
        CPPUNIT_ASSERT_EQUAL(std::string("syndata"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().violations);
        CPPUNIT_ASSERT_EQUAL(uint64_t(3), r.stats().duplicate_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().before_start_bytes);
    }

    void data_before_the_isn_of_a_syn_flow_is_a_violation() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(5000);
        add(r, 4990, "early", out);
        add(r, 5001, "ok", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().violations);
        CPPUNIT_ASSERT_EQUAL(uint32_t(5001), r.first_seq());
        CPPUNIT_ASSERT_EQUAL(int64_t(0), r.distance(5003));  // the dropped segment was not accepted
    }

    void segment_straddling_the_isn_keeps_its_part_after_it() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(5000);
        add(r, 4999, "xyABC", out);  // x at ISN-1, y at the ISN itself, ABC from byte 0
        CPPUNIT_ASSERT_EQUAL(std::string("ABC"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().violations);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().before_start_bytes);
    }

    void second_start_is_ignored() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 1, "AB", out);
        r.start_with_syn(777);
        r.start_midstream(999);
        add(r, 3, "CD", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCD"), out.stream);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StreamStartTest);

}  // namespace test
}  // namespace tcpflow
