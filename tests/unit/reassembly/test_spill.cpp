// Spilling: held out-of-order bytes leave memory through ReassemblyOutput::spill
// and come back, in order, through deliver_spilled when the hole before them fills.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <string>

#include "recording_output.h"

namespace tcpflow {
namespace test {
namespace {

// Keeps spilled bytes by offset (as the flow file would) and appends them to the
// stream when they are delivered back.
class SpillingOutput : public RecordingOutput {
public:
    bool spill(uint64_t offset, const uint8_t* data, size_t len) override {
        if (refuse) return false;
        for (size_t i = 0; i < len; ++i) kept[offset + i] = static_cast<char>(data[i]);
        spills++;
        return true;
    }
    void deliver_spilled(uint64_t offset, uint64_t len) override {
        CPPUNIT_ASSERT_EQUAL(static_cast<uint64_t>(stream.size()), offset);
        for (uint64_t i = 0; i < len; ++i) {
            CPPUNIT_ASSERT(kept.count(offset + i));
            stream += kept[offset + i];
        }
        read_back += len;
    }
    // The scratch file's way: what waits here still counts against max_pending_bytes,
    // so spilling does not relieve it.
    uint64_t spilled_charge() const override { return charge ? kept.size() - read_back : 0; }
    bool spill_relieves() const override { return !charge; }
    bool refuse = false;
    bool charge = false;
    std::map<uint64_t, char> kept;
    int spills = 0;
    uint64_t read_back = 0;
};

}  // namespace

class SpillTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SpillTest);
    CPPUNIT_TEST(spilled_bytes_leave_memory_and_come_back_in_order);
    CPPUNIT_TEST(retransmission_over_spilled_bytes_is_a_duplicate);
    CPPUNIT_TEST(segment_straddling_spilled_bytes_keeps_its_new_parts);
    CPPUNIT_TEST(refused_spill_keeps_bytes_held);
    CPPUNIT_TEST(per_flow_cap_spills_instead_of_giving_up_a_hole);
    CPPUNIT_TEST(charged_spilled_bytes_give_up_the_hole_at_the_cap);
    CPPUNIT_TEST(flush_gives_up_the_hole_then_delivers_spilled_bytes);
    CPPUNIT_TEST(fin_completes_once_the_hole_before_spilled_bytes_fills);
    CPPUNIT_TEST_SUITE_END();

public:
    void spilled_bytes_leave_memory_and_come_back_in_order() {
        StreamReassembler r;
        SpillingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        add(r, 9, "IJ", out);
        CPPUNIT_ASSERT(r.spill(out));
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), r.spilled_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), r.stats().spilled_bytes);
        CPPUNIT_ASSERT_EQUAL(std::string("EFGHIJ"), std::string(1, out.kept[4]) + out.kept[5] + out.kept[6] +
                                                        out.kept[7] + out.kept[8] + out.kept[9]);
        add(r, 1, "ABCD", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJ"), out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), out.read_back);
        CPPUNIT_ASSERT_EQUAL(uint64_t(10), r.stats().delivered_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.spilled_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.memory_used());
        add(r, 11, "K", out);  // in order after the read-back: straight through
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHIJK"), out.stream);
    }

    void retransmission_over_spilled_bytes_is_a_duplicate() {
        StreamReassembler r;
        SpillingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        r.spill(out);
        add(r, 5, "XX", out);  // spilled bytes are final whatever the policy
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().duplicate_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.pending_bytes());
        add(r, 1, "ABCD", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGH"), out.stream);
    }

    void segment_straddling_spilled_bytes_keeps_its_new_parts() {
        StreamReassembler r;
        SpillingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);  // offsets 4..7
        r.spill(out);
        add(r, 4, "DEFGHI", out);  // 3 and 8 are new, 4..7 spilled
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), r.stats().duplicate_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.pending_bytes());
        add(r, 1, "ABC", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGHI"), out.stream);
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(out.gaps.size()));
    }

    void refused_spill_keeps_bytes_held() {
        StreamReassembler r;
        SpillingOutput out;
        out.refuse = true;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        CPPUNIT_ASSERT(!r.spill(out));
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), r.pending_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.spilled_bytes());
        add(r, 1, "ABCD", out);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGH"), out.stream);
    }

    void per_flow_cap_spills_instead_of_giving_up_a_hole() {
        ReassemblyConfig c;
        c.max_pending_bytes = 200;
        StreamReassembler r(c);
        SpillingOutput out;
        r.start_with_syn(0);
        std::string expect(20, 'a');
        for (int i = 1; i <= 30; ++i) {
            std::string s(20, static_cast<char>('a' + i % 26));
            add(r, 1 + 20 * i, s, out);
            expect += s;
            CPPUNIT_ASSERT(r.memory_used() <= 200);
        }
        CPPUNIT_ASSERT(out.spills > 0);
        add(r, 1, std::string(20, 'a'), out);
        CPPUNIT_ASSERT_EQUAL(expect, out.stream);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.stats().forced_gaps);
        CPPUNIT_ASSERT(out.gaps.empty());
    }

    void charged_spilled_bytes_give_up_the_hole_at_the_cap() {
        // Where the spilled bytes only wait (the scratch file), the hole is given up at the
        // cap as if memory held them, and the bytes behind it flow on (-c keeps printing).
        ReassemblyConfig c;
        c.max_pending_bytes = 200;
        StreamReassembler r(c);
        SpillingOutput out;
        out.charge = true;
        r.start_with_syn(0);
        std::string after_hole;
        for (int i = 1; i <= 30; ++i) {
            std::string s(20, static_cast<char>('a' + i % 26));
            add(r, 1 + 20 * i, s, out);
            after_hole += s;
            if (i == 2) r.spill(out);  // the flow table's budget for all flows moves them out
            CPPUNIT_ASSERT(r.memory_used() + out.spilled_charge() <= 200);
        }
        // Spilled once, by the flow table; at the cap the hole went at once, with no
        // write and read back of bytes that would still be charged.
        CPPUNIT_ASSERT_EQUAL(1, out.spills);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), r.stats().forced_gaps);
        CPPUNIT_ASSERT_EQUAL(size_t(1), out.gaps.size());
        CPPUNIT_ASSERT_EQUAL(after_hole, out.stream.substr(20));  // everything after the 20-byte hole
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.spilled_bytes());
    }

    void flush_gives_up_the_hole_then_delivers_spilled_bytes() {
        StreamReassembler r;
        SpillingOutput out;
        r.start_with_syn(0);
        add(r, 1, "AB", out);
        add(r, 5, "EF", out);
        r.spill(out);
        add(r, 9, "IJ", out);  // held in memory, after another hole
        r.flush(out);
        CPPUNIT_ASSERT_EQUAL(std::string("AB\0\0EF\0\0IJ", 10), out.stream);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.stats().gaps.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), r.stats().gaps[0].offset);
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), r.stats().gaps[1].offset);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.memory_used());
    }

    void fin_completes_once_the_hole_before_spilled_bytes_fills() {
        StreamReassembler r;
        SpillingOutput out;
        r.start_with_syn(0);
        add(r, 5, "EFGH", out);
        r.spill(out);
        r.fin(9);
        CPPUNIT_ASSERT(!r.complete());
        add(r, 1, "ABC", out);
        CPPUNIT_ASSERT(!r.complete());
        add(r, 4, "D", out);
        CPPUNIT_ASSERT(r.complete());
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDEFGH"), out.stream);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SpillTest);

}  // namespace test
}  // namespace tcpflow
