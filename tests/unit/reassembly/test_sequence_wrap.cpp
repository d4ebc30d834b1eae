// Sequence numbers wrap at 2^32; offsets do not.
#include <cppunit/extensions/HelperMacros.h>

#include <string>
#include <vector>

#include "recording_output.h"

namespace tcpflow {
namespace test {

class SequenceWrapTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SequenceWrapTest);
    CPPUNIT_TEST(in_order_stream_across_the_wrap);
    CPPUNIT_TEST(out_of_order_stream_across_the_wrap);
    CPPUNIT_TEST(stream_longer_than_4_gib_keeps_growing_offsets);
    CPPUNIT_TEST(fin_after_the_wrap_completes);
    CPPUNIT_TEST_SUITE_END();

public:
    void in_order_stream_across_the_wrap() {
        const std::string data = "0123456789abcdefghijklmnopqrstuv";
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0xfffffff0u);
        for (size_t i = 0; i < data.size(); i += 8)
            add(r, 0xfffffff1u + static_cast<uint32_t>(i), data.substr(i, 8), out);
        CPPUNIT_ASSERT_EQUAL(data, out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(32), r.next_offset());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().out_of_order_count);
    }

    void out_of_order_stream_across_the_wrap() {
        const std::string data = "0123456789abcdefghijklmnopqrstuv";
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0xfffffff0u);
        add(r, 0xfffffff1u + 24, data.substr(24, 8), out);  // seq 9: after the wrap
        add(r, 0xfffffff1u + 8, data.substr(8, 8), out);    // seq 0xfffffff9, straddles it
        add(r, 0xfffffff1u + 16, data.substr(16, 8), out);
        CPPUNIT_ASSERT(out.stream.empty());
        CPPUNIT_ASSERT_EQUAL(uint64_t(32), r.highest_offset());
        add(r, 0xfffffff1u, data.substr(0, 8), out);
        CPPUNIT_ASSERT_EQUAL(data, out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
    }

    void stream_longer_than_4_gib_keeps_growing_offsets() {
        // 11 GiB of offsets (three wraps) in 1 MiB segments from one buffer
        // (delivery does not copy, so this is cheap), with a pair swapped around
        // every point where the sequence number wraps.
        const size_t kSeg = 1u << 20;
        const uint64_t kTotal = 11ull << 30;
        std::vector<uint8_t> buf(kSeg, 'x');
        const uint32_t isn = 0x80000000u;
        StreamReassembler r;
        RecordingOutput out;
        out.keep_bytes = false;
        r.start_with_syn(isn);
        auto seq_of = [&](uint64_t off) { return static_cast<uint32_t>(isn + 1 + off); };
        uint64_t off = 0;
        while (off < kTotal) {
            // The wire sequence number wraps at offsets wrap0 + k * 2^32.
            const uint64_t wrap0 = (uint64_t(1) << 32) - (uint64_t(isn) + 1);
            const bool before_wrap = static_cast<uint32_t>(wrap0 - off) < 2 * kSeg;
            if (before_wrap && off + 2 * kSeg <= kTotal) {
                r.add(seq_of(off + kSeg), buf.data(), kSeg, out);
                r.add(seq_of(off), buf.data(), kSeg, out);
                off += 2 * kSeg;
            } else {
                r.add(seq_of(off), buf.data(), kSeg, out);
                off += kSeg;
            }
        }
        CPPUNIT_ASSERT_EQUAL(kTotal, r.next_offset());
        CPPUNIT_ASSERT_EQUAL(kTotal, r.highest_offset());
        CPPUNIT_ASSERT_EQUAL(kTotal, r.stats().delivered_bytes);
        CPPUNIT_ASSERT_EQUAL(kTotal, out.end());
        CPPUNIT_ASSERT_EQUAL(0, out.out_of_order_calls);
        CPPUNIT_ASSERT_EQUAL(uint64_t(3), r.stats().out_of_order_count);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().duplicate_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
    }

    void fin_after_the_wrap_completes() {
        StreamReassembler r;
        RecordingOutput out;
        r.start_with_syn(0xfffffffeu);
        add(r, 0xffffffffu, "ABCD", out);
        r.fin(3);
        CPPUNIT_ASSERT(r.complete());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SequenceWrapTest);

}  // namespace test
}  // namespace tcpflow
