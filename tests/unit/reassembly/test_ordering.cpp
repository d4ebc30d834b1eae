// In-order delivery without copies, out-of-order data held and released in
// order, distance() and the offsets the reassembler reports.
#include <cppunit/extensions/HelperMacros.h>

#include <cstring>
#include <string>

#include "recording_output.h"

namespace tcpflow {
namespace test {

class OrderingTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OrderingTest);
    CPPUNIT_TEST(in_order_data_is_delivered_from_the_callers_buffer);
    CPPUNIT_TEST(out_of_order_segments_come_out_in_order);
    CPPUNIT_TEST(data_behind_a_hole_is_held_not_delivered);
    CPPUNIT_TEST(in_order_segment_reaching_held_data_goes_through_the_policy);
    CPPUNIT_TEST(distance_is_signed_from_the_end_of_the_last_segment);
    CPPUNIT_TEST(zero_length_segments_change_nothing);
    CPPUNIT_TEST(keepalive_byte_is_ignored);
    CPPUNIT_TEST(retransmission_of_delivered_bytes_counts_as_duplicate);
    CPPUNIT_TEST_SUITE_END();

public:
    void in_order_data_is_delivered_from_the_callers_buffer() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(1000);
        const uint8_t a[] = {'A', 'B', 'C', 'D'};
        const uint8_t b[] = {'E', 'F', 'G'};
        r.add(1001, a, sizeof a, out);
        r.add(1005, b, sizeof b, out);
        CPPUNIT_ASSERT_EQUAL(size_t(2), out.calls.size());
        CPPUNIT_ASSERT(out.calls[0].data == a);
        CPPUNIT_ASSERT(out.calls[1].data == b);
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), out.calls[1].offset);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFG"), out.stream);
        CPPUNIT_ASSERT_EQUAL(size_t(0), r.pending_blocks());
        CPPUNIT_ASSERT_EQUAL(uint64_t(7), r.stats().delivered_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().out_of_order_count);
    }

    void out_of_order_segments_come_out_in_order() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        add(r, 1, "ABCD", out);
        add(r, 9, "IJKL", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJKL"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().out_of_order_count);
        CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(12), r.next_offset());
    }

    void data_behind_a_hole_is_held_not_delivered() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        CPPUNIT_ASSERT(out.calls.empty());
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), r.pending_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.next_offset());
        CPPUNIT_ASSERT_EQUAL(uint64_t(8), r.highest_offset());
    }

    void in_order_segment_reaching_held_data_goes_through_the_policy() {
        // "EF" is held at 4; the in-order segment says "EZ" there. FirstWins keeps
        // the held bytes, so only the prefix may come from the caller's buffer.
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EF", out);
        add(r, 1, "ABCDEZ", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEF"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().overlap_conflicts);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().duplicate_bytes);
    }

    void distance_is_signed_from_the_end_of_the_last_segment() {
        StreamReassembler r;
        RecordingOutput out;
        CPPUNIT_ASSERT_EQUAL(int64_t(0), r.distance(12345));
        r.start_with_syn(999);
        add(r, 1000, "ABCD", out);
        CPPUNIT_ASSERT_EQUAL(int64_t(0), r.distance(1004));
        CPPUNIT_ASSERT_EQUAL(int64_t(-4), r.distance(1000));
        CPPUNIT_ASSERT_EQUAL(int64_t(20000000), r.distance(1004 + 20000000));
        // 32-bit signed arithmetic: a sequence number 3 GiB "ahead" is 1 GiB behind.
        CPPUNIT_ASSERT_EQUAL(int64_t(-(1ll << 30)), r.distance(1004u + (3u << 30)));
    }

    void zero_length_segments_change_nothing() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 1, "AB", out);
        r.add(50, nullptr, 0, out);
        add(r, 70, "", out);
        add(r, 3, "CD", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCD"), out.stream);
        CPPUNIT_ASSERT_EQUAL(int64_t(0), r.distance(5));
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().out_of_order_count);
    }

    void keepalive_byte_is_ignored() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 0, "k", out);  // before any data: the byte at the ISN, not a violation
        add(r, 1, "ABCD", out);
        add(r, 4, "x", out);  // the byte before snd.nxt, garbage
        CPPUNIT_ASSERT_EQUAL(std::string("ABCD"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().violations);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().duplicate_bytes);
        CPPUNIT_ASSERT_EQUAL(int64_t(0), r.distance(5));
    }

    void retransmission_of_delivered_bytes_counts_as_duplicate() {
        StreamReassembler r(ReassemblyConfig{OverlapPolicy::LastWins, 8u << 20, 0});
        RecordingOutput out;
        r.start_with_syn(0);
        add(r, 1, "ABCDEFGH", out);
        add(r, 3, "zzz", out);    // delivered bytes cannot change, even under LastWins
        add(r, 7, "GHIJ", out);   // partly delivered: the new part is delivered
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJ"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), r.stats().duplicate_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().overlap_conflicts);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OrderingTest);

}  // namespace test
}  // namespace tcpflow
