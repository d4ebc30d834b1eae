// SegmentBatch: the bytes a reader hands over are copies that survive the
// reader's buffers, and each entry gives back its own payload, frame and fields.
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <string>
#include <vector>
#include "pipeline/dispatcher.h"
#include "pipeline/segment_batch.h"

using namespace tcpflow;

namespace {

std::string text(const uint8_t* p, size_t n) { return std::string(reinterpret_cast<const char*>(p), n); }

}  // namespace

class SegmentBatchTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SegmentBatchTest);
    CPPUNIT_TEST(segments_keep_their_payload_after_the_source_changes);
    CPPUNIT_TEST(frames_are_copied_only_when_asked);
    CPPUNIT_TEST(packet_only_entries_carry_the_frame);
    CPPUNIT_TEST(a_payload_inside_its_frame_is_copied_once);
    CPPUNIT_TEST(full_by_entries_and_by_bytes);
    CPPUNIT_TEST(room_is_checked_before_adding);
    CPPUNIT_TEST(clear_keeps_nothing_but_capacity);
    CPPUNIT_TEST(release_leaves_no_memory);
    CPPUNIT_TEST(batch_size_shrinks_with_many_workers);
    CPPUNIT_TEST_SUITE_END();

    TcpSegment seg(const std::string& payload, const std::vector<uint8_t>& frame, uint32_t seq) {
        TcpSegment s;
        s.family = 4;
        s.sport = 1234;
        s.dport = 80;
        s.seq = seq;
        s.ts.sec = 100 + seq;
        s.payload = reinterpret_cast<const uint8_t*>(payload.data());
        s.payload_len = static_cast<uint32_t>(payload.size());
        s.frame = frame.data();
        s.caplen = static_cast<uint32_t>(frame.size());
        s.wirelen = s.caplen + 10;
        s.frame_dlt = 1;
        return s;
    }

public:
    void segments_keep_their_payload_after_the_source_changes() {
        SegmentBatch b;
        std::string p1 = "hello", p2 = "world!";
        std::vector<uint8_t> f(60, 0xab);
        b.add_segment(seg(p1, f, 1), false, false);
        b.add_segment(seg(p2, f, 2), false, false);
        p1.assign("XXXXX");  // the reader's buffer is reused for the next packet
        p2.assign("YYYYYY");
        CPPUNIT_ASSERT_EQUAL(size_t(2), b.size());
        TcpSegment a = b.segment(0), c = b.segment(1);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), text(a.payload, a.payload_len));
        CPPUNIT_ASSERT_EQUAL(std::string("world!"), text(c.payload, c.payload_len));
        CPPUNIT_ASSERT_EQUAL(uint32_t(2), c.seq);
        CPPUNIT_ASSERT_EQUAL(int64_t(102), c.ts.sec);
        CPPUNIT_ASSERT_EQUAL(uint16_t(80), c.dport);
        CPPUNIT_ASSERT(b.entry(1).has_segment);
    }

    void frames_are_copied_only_when_asked() {
        SegmentBatch b;
        std::string p = "abc";
        std::vector<uint8_t> f = {1, 2, 3, 4, 5, 6, 7};
        b.add_segment(seg(p, f, 1), false, false);
        b.add_segment(seg(p, f, 2), true, true);
        f.assign(7, 0);
        CPPUNIT_ASSERT(b.segment(0).frame == nullptr);
        CPPUNIT_ASSERT(b.frame(0) == nullptr);
        const TcpSegment s = b.segment(1);
        CPPUNIT_ASSERT(s.frame != nullptr);
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(s.frame, "\1\2\3\4\5\6\7", 7));
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), text(s.payload, s.payload_len));
        CPPUNIT_ASSERT(b.entry(1).packet_event);
        CPPUNIT_ASSERT_EQUAL(uint32_t(17), b.entry(1).wirelen);
        CPPUNIT_ASSERT_EQUAL(1, s.frame_dlt);
    }

    void packet_only_entries_carry_the_frame() {
        SegmentBatch b;
        const uint8_t arp[] = {9, 8, 7};
        Timestamp ts;
        ts.sec = 7;
        b.add_packet(1, ts, arp, 3, 42);
        const SegmentBatch::Entry& e = b.entry(0);
        CPPUNIT_ASSERT(!e.has_segment);
        CPPUNIT_ASSERT(e.packet_event);
        CPPUNIT_ASSERT_EQUAL(uint32_t(42), e.wirelen);
        CPPUNIT_ASSERT_EQUAL(int64_t(7), e.ts.sec);
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(b.frame(0), arp, 3));
    }

    void a_payload_inside_its_frame_is_copied_once() {
        SegmentBatch b;
        std::vector<uint8_t> f = {0xe0, 0xe1, 'G', 'E', 'T', 0xf0};
        TcpSegment in = seg("", f, 1);
        in.payload = f.data() + 2;  // as decoded: the payload lies inside the captured frame
        in.payload_len = 3;
        b.add_segment(in, true, true);
        std::string reassembled = "frag";  // an IP-reassembled payload lies elsewhere
        b.add_segment(seg(reassembled, f, 2), true, true);
        f.assign(6, 0);
        reassembled.assign("XXXX");
        const TcpSegment s = b.segment(0), r = b.segment(1);
        CPPUNIT_ASSERT(s.payload == s.frame + 2);  // within the copy of the frame
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), text(s.payload, s.payload_len));
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(s.frame, "\xe0\xe1GET\xf0", 6));
        CPPUNIT_ASSERT(r.payload < r.frame || r.payload >= r.frame + r.caplen);
        CPPUNIT_ASSERT_EQUAL(std::string("frag"), text(r.payload, r.payload_len));
        // Without the frame, the payload is copied on its own.
        SegmentBatch plain;
        std::vector<uint8_t> g = {1, 2, 'h', 'i'};
        TcpSegment p = seg("", g, 3);
        p.payload = g.data() + 2;
        p.payload_len = 2;
        plain.add_segment(p, false, false);
        g.assign(4, 0);
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), text(plain.segment(0).payload, 2));
    }

    void room_is_checked_before_adding() {
        SegmentBatch b(100);
        std::vector<uint8_t> frame(70, 1);
        std::string p60(60, 'a'), p40(40, 'b'), p41(41, 'c');
        CPPUNIT_ASSERT(b.has_room_for(seg(std::string(300, 'z'), frame, 1), false));  // empty: anything
        b.add_segment(seg(p60, frame, 1), false, false);
        CPPUNIT_ASSERT(b.has_room_for(seg(p40, frame, 2), false));   // 60 + 40 = 100: fits
        CPPUNIT_ASSERT(!b.has_room_for(seg(p41, frame, 2), false));  // 101 would not
        CPPUNIT_ASSERT(!b.has_room_for(seg(p40, frame, 2), true));   // with its 70-byte frame: 170
        CPPUNIT_ASSERT(!b.has_room(41));
        CPPUNIT_ASSERT(b.has_room(40));
        b.add_segment(seg(p40, frame, 2), false, false);
        CPPUNIT_ASSERT(b.full());
        CPPUNIT_ASSERT_EQUAL(std::string(60, 'a') + std::string(40, 'b'),
                             text(b.segment(0).payload, 60) + text(b.segment(1).payload, 40));
        // A payload inside its frame counts once.
        SegmentBatch c(100);
        TcpSegment in = seg("", frame, 3);
        in.payload = frame.data() + 20;
        in.payload_len = 50;
        CPPUNIT_ASSERT(c.has_room_for(in, true));
        c.add_segment(in, true, true);
        CPPUNIT_ASSERT(c.has_room(30));
        CPPUNIT_ASSERT(!c.has_room(31));
    }

    void full_by_entries_and_by_bytes() {
        SegmentBatch b;
        std::string small = "x";
        std::vector<uint8_t> f(1);
        for (size_t i = 0; i + 1 < SegmentBatch::kMaxEntries; ++i) b.add_segment(seg(small, f, 1), false, false);
        CPPUNIT_ASSERT(!b.full());
        b.add_segment(seg(small, f, 1), false, false);
        CPPUNIT_ASSERT(b.full());

        SegmentBatch big;
        std::string payload(SegmentBatch::kMaxBytes - 1, 'p');
        big.add_segment(seg(payload, f, 1), false, false);
        CPPUNIT_ASSERT(!big.full());
        big.add_segment(seg(small, f, 2), false, false);
        CPPUNIT_ASSERT(big.full());
        CPPUNIT_ASSERT_EQUAL(std::string("x"), text(big.segment(1).payload, 1));
    }

    void release_leaves_no_memory() {
        SegmentBatch b;
        CPPUNIT_ASSERT(!b.holds_memory());  // a new batch has touched nothing yet
        std::string p = "data";
        std::vector<uint8_t> f(4);
        b.add_segment(seg(p, f, 1), false, false);
        CPPUNIT_ASSERT(b.holds_memory());
        b.clear();
        CPPUNIT_ASSERT(b.holds_memory());
        b.start_new_flows = false;
        b.release();
        CPPUNIT_ASSERT(!b.holds_memory());
        CPPUNIT_ASSERT(b.empty());
        CPPUNIT_ASSERT(b.start_new_flows);
        b.add_segment(seg(std::string("again"), f, 2), false, false);
        CPPUNIT_ASSERT_EQUAL(std::string("again"), text(b.segment(0).payload, 5));
    }

    void clear_keeps_nothing_but_capacity() {
        SegmentBatch b;
        std::string p = "data";
        std::vector<uint8_t> f(4);
        b.add_segment(seg(p, f, 1), true, true);
        b.start_new_flows = false;
        b.clear();
        CPPUNIT_ASSERT(b.empty());
        CPPUNIT_ASSERT(b.start_new_flows);
        b.add_segment(seg(std::string("zz"), f, 3), false, false);
        CPPUNIT_ASSERT_EQUAL(std::string("zz"), text(b.segment(0).payload, 2));
    }

    // All batches together stay within Dispatcher::kBytesInFlight (down to a floor of 32 KiB).
    void batch_size_shrinks_with_many_workers() {
        CPPUNIT_ASSERT_EQUAL(size_t(256) << 10, Dispatcher::batch_bytes(2));
        CPPUNIT_ASSERT_EQUAL(size_t(32), Dispatcher::batches_per_worker(2));  // deep queues with few workers
        CPPUNIT_ASSERT_EQUAL(size_t(64) << 10, Dispatcher::batch_bytes(64));
        CPPUNIT_ASSERT_EQUAL(Dispatcher::kMinBatchesPerWorker, Dispatcher::batches_per_worker(64));
        CPPUNIT_ASSERT_EQUAL(size_t(32) << 10, Dispatcher::batch_bytes(1024));
        for (size_t n : {1, 2, 3, 16, 64, 128}) {  // 128: the last count above the floor
            CPPUNIT_ASSERT(n * Dispatcher::batches_per_worker(n) * Dispatcher::batch_bytes(n) <= Dispatcher::kBytesInFlight);
            CPPUNIT_ASSERT(Dispatcher::batches_per_worker(n) >= Dispatcher::kMinBatchesPerWorker);
        }
        SegmentBatch b(100);
        std::string p(99, 'q');
        std::vector<uint8_t> f(1);
        b.add_segment(seg(p, f, 1), false, false);
        CPPUNIT_ASSERT(!b.full());
        b.add_segment(seg(std::string("r"), f, 2), false, false);
        CPPUNIT_ASSERT(b.full());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SegmentBatchTest);
