// Flow lifecycle: creation, splits, closes and caps, driven by hand-built segments.
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <unistd.h>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include "flow/flow_table.h"
#include "recording_sink.h"

using namespace tcpflow;
using tcpflow::test::RecordingSink;

namespace {

// Keeps spilled bytes as a flow file would: at their offsets, per flow.
class SpillKeeper : public FlowSink {
public:
    std::map<uint64_t, std::string> files;  // flow_id -> bytes at their offsets
    int spills = 0;
    bool can_spill() const override { return true; }
    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override { ++data_calls; }
    bool on_spill(FlowInfo& f, uint64_t offset, const uint8_t* data, size_t len) override {
        std::string& s = files[f.flow_id];
        if (s.size() < offset + len) s.resize(offset + len, '\0');
        s.replace(offset, len, reinterpret_cast<const char*>(data), len);
        ++spills;
        return true;
    }
    void read_back(FlowInfo& f, uint64_t offset, uint8_t* out, size_t len) override {
        files.at(f.flow_id).copy(reinterpret_cast<char*>(out), len, offset);
    }
    int data_calls = 0;
};

}  // namespace

namespace {

struct Seg {
    TcpSegment s;
    std::string payload;
};

// Client 10.0.0.1:1234 -> server 10.0.0.2:80 (reverse() for the other way).
Seg seg(uint32_t seq, uint8_t flags, const std::string& data = "", int64_t sec = 1, bool reverse = false) {
    Seg x;
    x.payload = data;
    TcpSegment& s = x.s;
    s.family = 4;
    uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
    std::memcpy(s.src, reverse ? b : a, 4);
    std::memcpy(s.dst, reverse ? a : b, 4);
    s.sport = reverse ? 80 : 1234;
    s.dport = reverse ? 1234 : 80;
    s.seq = seq;
    s.flags = flags;
    s.ts.sec = sec;
    s.caplen = s.wirelen = 54 + static_cast<uint32_t>(data.size());
    return x;
}

void feed(FlowTable& t, Seg& x) {
    x.s.payload = reinterpret_cast<const uint8_t*>(x.payload.data());
    x.s.payload_len = static_cast<uint32_t>(x.payload.size());
    t.process(x.s);
}

// Two connections' first directions, each holding bytes behind a hole: a holds 200 Cs
// behind "AB", b holds "cd" behind "ab". hold() leaves them waiting, fill() fills both holes.
struct TwoHolders {
    std::string cs = std::string(200, 'C');
    Seg a = seg(100, kSyn), b = seg(1000, kSyn, "", 1, true);
    Seg a2 = seg(103, kAck, cs), b2 = seg(1003, kAck, "cd", 1, true);
    Seg a1 = seg(101, kAck, "AB"), b1 = seg(1001, kAck, "ab", 1, true);
    void hold(FlowTable& t) {
        for (Seg* x : {&a, &b, &a2, &b2}) feed(t, *x);
    }
    void fill(FlowTable& t) {
        feed(t, a1);
        feed(t, b1);
    }
};

}  // namespace

class FlowTableTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FlowTableTest);
    CPPUNIT_TEST(syn_flow_is_delivered_in_order_and_closed_by_fin);
    CPPUNIT_TEST(fin_before_missing_data_closes_only_when_hole_filled);
    CPPUNIT_TEST(rst_closes_at_once);
    CPPUNIT_TEST(reused_four_tuple_after_fin_opens_a_new_flow);
    CPPUNIT_TEST(new_syn_with_other_isn_splits_a_live_flow);
    CPPUNIT_TEST(jump_larger_than_max_seek_starts_a_new_flow);
    CPPUNIT_TEST(idle_timeout_in_packet_time_starts_a_new_flow);
    CPPUNIT_TEST(live_flow_cap_evicts_least_recently_active);
    CPPUNIT_TEST(late_retransmission_after_close_is_dropped);
    CPPUNIT_TEST(finish_only_mode_ignores_new_flows_but_continues_old);
    CPPUNIT_TEST(vlan_is_part_of_the_flow_key);
    CPPUNIT_TEST(bare_ack_creates_no_flow);
    CPPUNIT_TEST(both_directions_share_a_session_id);
    CPPUNIT_TEST(pending_total_cap_gives_up_holes);
    CPPUNIT_TEST(close_all_closes_every_flow_and_ends_the_run);
    CPPUNIT_TEST(no_purge_keeps_a_finished_flow_open_until_the_end);
    CPPUNIT_TEST(first_data_far_from_the_isn_is_a_jump_and_the_start_is_kept);
    CPPUNIT_TEST(data_in_a_hole_of_a_closed_flow_is_not_a_late_retransmission);
    CPPUNIT_TEST(memory_budget_spills_the_oldest_holder_and_reads_it_back);
    CPPUNIT_TEST(without_a_keeping_sink_the_scratch_file_takes_the_bytes);
    CPPUNIT_TEST(a_segments_deliveries_end_with_deliveries_done);
    CPPUNIT_TEST(synack_with_new_isn_follows_the_isn_the_client_acknowledges);
    CPPUNIT_TEST(stray_synack_after_the_clients_ack_is_not_followed);
    CPPUNIT_TEST(without_an_ack_the_data_chooses_the_isn);
    CPPUNIT_TEST(syn_with_new_isn_before_data_follows_the_synack);
    CPPUNIT_TEST(synack_with_new_isn_after_data_of_both_sides_is_a_stray);
    CPPUNIT_TEST_SUITE_END();

    FlowConfig cfg() {
        FlowConfig c;
        c.reassembly.midstream_hold_bytes = 0;
        return c;
    }

public:
    void syn_flow_is_delivered_in_order_and_closed_by_fin() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck, "hello "), c = seg(107, kAck | kFin, "world");
        feed(t, a);
        feed(t, b);
        feed(t, c);
        CPPUNIT_ASSERT_EQUAL(size_t(1), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("hello world"), sink.flows[0].data);
        CPPUNIT_ASSERT(sink.flows[0].closed);
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::Fin);
        CPPUNIT_ASSERT_EQUAL(uint64_t(3), sink.flows[0].packets);
        CPPUNIT_ASSERT_EQUAL(size_t(0), t.live_flows());
    }

    void fin_before_missing_data_closes_only_when_hole_filled() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), c = seg(104, kAck | kFin, "EFGH"), b = seg(101, kAck, "ABC");
        feed(t, a);
        feed(t, c);
        CPPUNIT_ASSERT(!sink.flows[0].closed);
        feed(t, b);
        CPPUNIT_ASSERT(sink.flows[0].closed);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCEFGH"), sink.flows[0].data);
    }

    void rst_closes_at_once() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck, "abc"), r = seg(104, kRst);
        feed(t, a);
        feed(t, b);
        feed(t, r);
        CPPUNIT_ASSERT(sink.flows[0].closed);
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::Rst);
    }

    void reused_four_tuple_after_fin_opens_a_new_flow() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck | kFin, "one"), c = seg(5000, kSyn), d = seg(5001, kAck, "two");
        feed(t, a);
        feed(t, b);
        feed(t, c);
        feed(t, d);
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("one"), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("two"), sink.flows[1].data);
    }

    void new_syn_with_other_isn_splits_a_live_flow() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck, "one"), c = seg(9000, kSyn), d = seg(9001, kAck, "two");
        feed(t, a);
        feed(t, b);
        feed(t, c);
        feed(t, d);
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.flows.size());
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::NewSyn);
        CPPUNIT_ASSERT_EQUAL(std::string("two"), sink.flows[1].data);
    }

    void jump_larger_than_max_seek_starts_a_new_flow() {
        RecordingSink sink;
        FlowConfig c = cfg();
        c.max_seek = 1000;
        FlowTable t(c, {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck, "near"), far = seg(101 + 5000, kAck, "far");
        feed(t, a);
        feed(t, b);
        feed(t, far);
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.flows.size());
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::Jump);
        CPPUNIT_ASSERT_EQUAL(std::string("near"), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("far"), sink.flows[1].data);
    }

    void idle_timeout_in_packet_time_starts_a_new_flow() {
        RecordingSink sink;
        FlowConfig c = cfg();
        c.tcp_timeout = 5;
        FlowTable t(c, {&sink});
        Seg a = seg(100, kSyn, "", 1), b = seg(101, kAck, "before-", 2), d = seg(108, kAck, "after", 20);
        feed(t, a);
        feed(t, b);
        feed(t, d);
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.flows.size());
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::Timeout);
        CPPUNIT_ASSERT_EQUAL(std::string("before-"), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("after"), sink.flows[1].data);
    }

    void live_flow_cap_evicts_least_recently_active() {
        RecordingSink sink;
        FlowConfig c = cfg();
        c.max_flows = 2;
        FlowTable t(c, {&sink});
        for (uint16_t port = 1; port <= 3; ++port) {
            Seg s = seg(100, kAck, "x", port);
            s.s.sport = port;
            feed(t, s);
        }
        CPPUNIT_ASSERT_EQUAL(size_t(2), t.live_flows());
        CPPUNIT_ASSERT(sink.flows[0].closed);
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::Evicted);
        CPPUNIT_ASSERT(!sink.flows[1].closed);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().evicted_flow_cap);
    }

    void late_retransmission_after_close_is_dropped() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck | kFin, "data"), again = seg(101, kAck, "data");
        feed(t, a);
        feed(t, b);
        feed(t, again);
        CPPUNIT_ASSERT_EQUAL(size_t(1), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().late_retransmissions);
    }

    void finish_only_mode_ignores_new_flows_but_continues_old() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck, "part1-");
        feed(t, a);
        feed(t, b);
        t.set_start_new_flows(false);
        Seg c = seg(107, kAck, "part2"), other = seg(1, kSyn);
        other.s.sport = 999;
        feed(t, c);
        feed(t, other);
        CPPUNIT_ASSERT_EQUAL(size_t(1), sink.flows.size());
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(std::string("part1-part2"), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().ignored_new_under_R);
    }

    void vlan_is_part_of_the_flow_key() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kAck, "v1"), b = seg(100, kAck, "v2");
        a.s.has_vlan = b.s.has_vlan = true;
        a.s.vlan = 100;
        b.s.vlan = 200;
        feed(t, a);
        feed(t, b);
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(uint16_t(100), sink.flows[0].vlan);
        CPPUNIT_ASSERT_EQUAL(uint16_t(200), sink.flows[1].vlan);
    }

    void bare_ack_creates_no_flow() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kAck);
        feed(t, a);
        CPPUNIT_ASSERT_EQUAL(size_t(0), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().ignored_no_flow);
    }

    void both_directions_share_a_session_id() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(700, kSyn | kAck, "", 1, true), other = seg(5, kSyn);
        other.s.sport = 4444;
        feed(t, a);
        feed(t, b);
        feed(t, other);
        CPPUNIT_ASSERT_EQUAL(size_t(3), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(sink.flows[0].session_id, sink.flows[1].session_id);
        CPPUNIT_ASSERT(sink.flows[2].session_id != sink.flows[0].session_id);
    }

    void pending_total_cap_gives_up_holes() {
        RecordingSink sink;
        FlowConfig c = cfg();
        c.max_pending_total = 1000;
        FlowTable t(c, {&sink});
        Seg a = seg(100, kSyn);
        feed(t, a);
        // Byte 0 never arrives; 2000 bytes wait behind the hole.
        Seg b = seg(102, kAck, std::string(2000, 'z'));
        feed(t, b);
        CPPUNIT_ASSERT(t.pending_total() <= 1000);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().pending_cap_flushes);
        CPPUNIT_ASSERT_EQUAL(std::string(1, '\0') + std::string(2000, 'z'), sink.flows[0].data);
    }

    void close_all_closes_every_flow_and_ends_the_run() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kAck, "x"), b = seg(100, kAck, "y", 1, true);
        feed(t, a);
        feed(t, b);
        t.close_all();
        CPPUNIT_ASSERT(sink.flows[0].closed && sink.flows[1].closed);
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::EndOfInput);
        CPPUNIT_ASSERT(sink.ended);
        CPPUNIT_ASSERT_EQUAL(size_t(0), t.live_flows());
    }

    void no_purge_keeps_a_finished_flow_open_until_the_end() {
        RecordingSink sink;
        FlowConfig c = cfg();
        c.purge = false;
        FlowTable t(c, {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck | kFin, "one"), d = seg(104, kAck, "two");
        feed(t, a);
        feed(t, b);
        CPPUNIT_ASSERT(!sink.flows[0].closed);
        feed(t, d);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(size_t(1), sink.flows.size());
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::EndOfInput);
        CPPUNIT_ASSERT_EQUAL(std::string("onetwo"), sink.flows[0].data);
    }
    void first_data_far_from_the_isn_is_a_jump_and_the_start_is_kept() {
        // tcpflow 1.6.1: the far data gets the first file, the start a c1 file.
        RecordingSink sink;
        FlowConfig c = cfg();
        c.max_seek = 1000;
        FlowTable t(c, {&sink});
        Seg a = seg(100, kSyn), far = seg(101 + 5000, kAck, "far"), start = seg(101, kAck, "start");
        feed(t, a);
        feed(t, far);
        feed(t, start);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(size_t(3), sink.flows.size());
        CPPUNIT_ASSERT(sink.flows[0].reason == CloseReason::Jump);
        CPPUNIT_ASSERT_EQUAL(std::string(""), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("far"), sink.flows[1].data);
        CPPUNIT_ASSERT_EQUAL(std::string("start"), sink.flows[2].data);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), t.stats().late_retransmissions);
    }

    void data_in_a_hole_of_a_closed_flow_is_not_a_late_retransmission() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg a = seg(100, kSyn), b = seg(101, kAck, "AAAA"), d = seg(109, kAck, "CCCC"),
            rst = seg(113, kRst), hole = seg(105, kAck, "BBBB"), dup = seg(101, kAck, "AAAA");
        feed(t, a);
        feed(t, b);
        feed(t, d);
        feed(t, rst);
        feed(t, dup);  // stored by the closed flow: a real late retransmission
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().late_retransmissions);
        CPPUNIT_ASSERT_EQUAL(size_t(1), sink.flows.size());
        feed(t, hole);  // never stored: new data, a new flow
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().late_retransmissions);
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.flows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("AAAA\0\0\0\0CCCC", 12), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("BBBB"), sink.flows[1].data);
    }

    void memory_budget_spills_the_oldest_holder_and_reads_it_back() {
        SpillKeeper keeper;
        RecordingSink sink;
        FlowConfig c = cfg();
        c.max_pending_memory = 300;  // passed once both hold (64 B overhead per block)
        FlowTable t(c, {&keeper, &sink});
        TwoHolders h;
        h.hold(t);  // the budget is passed: the oldest holder (a) spills
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().pending_spills);
        CPPUNIT_ASSERT_EQUAL(std::string(2, '\0') + h.cs, keeper.files[0]);
        CPPUNIT_ASSERT(t.pending_total() < 300);
        h.fill(t);
        CPPUNIT_ASSERT_EQUAL("AB" + h.cs, sink.flows[0].data);  // the Cs read back
        CPPUNIT_ASSERT_EQUAL(std::string("abcd"), sink.flows[1].data);
        CPPUNIT_ASSERT_EQUAL(3, keeper.data_calls);  // AB, ab, cd: never the spilled Cs
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), t.pending_total());
    }

    void without_a_keeping_sink_the_scratch_file_takes_the_bytes() {
        // -c, -FX, -K, -s: no sink can keep the bytes at their offset.
        RecordingSink sink;
        FlowConfig c = cfg();
        c.max_pending_memory = 300;
        char tmpl[] = "/tmp/tcpflow-table-XXXXXX";
        const std::string dir = ::mkdtemp(tmpl);
        c.spill_dirfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
        c.spill_dir_name = dir;
        {
            FlowTable t(c, {&sink});
            TwoHolders h;
            h.hold(t);  // the budget is passed: the oldest holder (a) goes to the scratch file
            CPPUNIT_ASSERT(t.scratch());
            CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().pending_spills);
            CPPUNIT_ASSERT_EQUAL(uint64_t(200), t.scratch()->bytes_spilled());
            CPPUNIT_ASSERT(t.pending_total() < 300);
            h.fill(t);
            CPPUNIT_ASSERT_EQUAL("AB" + h.cs, sink.flows[0].data);  // the Cs read back
            CPPUNIT_ASSERT_EQUAL(std::string("abcd"), sink.flows[1].data);
            CPPUNIT_ASSERT_EQUAL(uint64_t(200), t.scratch()->bytes_read_back());
            CPPUNIT_ASSERT_EQUAL(size_t(0), t.scratch()->chunks());
        }
        ::close(c.spill_dirfd);
        CPPUNIT_ASSERT_EQUAL(0, ::rmdir(dir.c_str()));  // empty: nothing was left in it
    }

    void a_segments_deliveries_end_with_deliveries_done() {
        // What the console needs to print one chunk per segment (console_sink.h).
        struct Grouping : FlowSink {
            std::vector<std::string> groups;
            std::string current;
            bool groups_deliveries() const override { return true; }
            void on_data(FlowInfo&, uint64_t, const uint8_t* d, size_t n) override {
                current.append(reinterpret_cast<const char*>(d), n);
            }
            void on_deliveries_done() override {
                if (!current.empty()) groups.push_back(current);
                current.clear();
            }
        } sink;
        FlowTable t(cfg(), {&sink});
        Seg syn = seg(100, kSyn), a = seg(101, kAck, "aa"), c = seg(105, kAck, "cc"), e = seg(109, kAck, "ee");
        Seg b = seg(103, kAck, "bb"), d = seg(107, kAck, "dd");
        for (Seg* x : {&syn, &a, &c, &e, &b, &d}) feed(t, *x);  // b lets c through, d lets e through
        CPPUNIT_ASSERT_EQUAL(size_t(3), sink.groups.size());
        CPPUNIT_ASSERT_EQUAL(std::string("aa"), sink.groups[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("bbcc"), sink.groups[1]);
        CPPUNIT_ASSERT_EQUAL(std::string("ddee"), sink.groups[2]);
        Seg h = seg(115, kAck, "hh");  // after a hole: held until the end
        feed(t, h);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(size_t(4), sink.groups.size());
        CPPUNIT_ASSERT_EQUAL(std::string("hh"), sink.groups[3]);
        CPPUNIT_ASSERT(sink.current.empty());
    }

    // Server (reverse) segment with an acknowledgement number.
    static Seg from_server(uint32_t seq, uint8_t flags, uint32_t ack, const std::string& data = "") {
        Seg x = seg(seq, flags, data, 1, true);
        x.s.ack = ack;
        return x;
    }
    static Seg from_client(uint32_t seq, uint8_t flags, uint32_t ack, const std::string& data = "") {
        Seg x = seg(seq, flags, data);
        x.s.ack = ack;
        return x;
    }
    // The server's direction, found by its first byte of data.
    static const tcpflow::test::RecordedFlow& server_flow(const RecordingSink& sink) {
        for (const tcpflow::test::RecordedFlow& f : sink.flows)
            if (!f.data.empty() && f.data[0] == 'S') return f;
        CPPUNIT_FAIL("no server flow with data");
        throw 0;
    }

    void synack_with_new_isn_follows_the_isn_the_client_acknowledges() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg syn = from_client(100, kSyn, 0), sa1 = from_server(5000, kSyn | kAck, 101),
            sa2 = from_server(905000, kSyn | kAck, 101), ack = from_client(101, kAck, 905001),
            data = from_server(905001, kAck, 101, "SERVER");
        for (Seg* x : {&syn, &sa1, &sa2, &ack, &data}) feed(t, *x);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(std::string("SERVER"), server_flow(sink).data);  // not 900000 zeros first
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().syn_isn_changes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), t.stats().new_syn_splits);
    }

    void stray_synack_after_the_clients_ack_is_not_followed() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg sa1 = from_server(5000, kSyn | kAck, 101), ack = from_client(101, kAck, 5001),
            sa2 = from_server(905000, kSyn | kAck, 101), req = from_client(101, kAck, 5001, "req"),
            data = from_server(5001, kAck, 104, "SERVER");
        for (Seg* x : {&sa1, &ack, &sa2, &req, &data}) feed(t, *x);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(std::string("SERVER"), server_flow(sink).data);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().syn_isn_changes);
    }

    void without_an_ack_the_data_chooses_the_isn() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg sa1 = from_server(5000, kSyn | kAck, 101), sa2 = from_server(905000, kSyn | kAck, 101),
            data = from_server(5001, kAck, 101, "SERVER");
        for (Seg* x : {&sa1, &sa2, &data}) feed(t, *x);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(std::string("SERVER"), server_flow(sink).data);
    }

    void syn_with_new_isn_before_data_follows_the_synack() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg syn1 = from_client(100, kSyn, 0), syn2 = from_client(400100, kSyn, 0),
            sa = from_server(5000, kSyn | kAck, 400101), ack = from_client(400101, kAck, 5001),
            req = from_client(400101, kAck, 5001, "request");
        for (Seg* x : {&syn1, &syn2, &sa, &ack, &req}) feed(t, *x);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(std::string("request"), sink.flows[0].data);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), t.stats().syn_isn_changes);
    }

    void synack_with_new_isn_after_data_of_both_sides_is_a_stray() {
        RecordingSink sink;
        FlowTable t(cfg(), {&sink});
        Seg syn = from_client(100, kSyn, 0), sa1 = from_server(5000, kSyn | kAck, 101),
            req = from_client(101, kAck, 5001, "req"), d1 = from_server(5001, kAck, 104, "SERV"),
            sa2 = from_server(905000, kSyn | kAck, 101), d2 = from_server(5005, kAck, 104, "ER");
        for (Seg* x : {&syn, &sa1, &req, &d1, &sa2, &d2}) feed(t, *x);
        t.close_all();
        CPPUNIT_ASSERT_EQUAL(std::string("SERVER"), server_flow(sink).data);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), t.stats().new_syn_splits);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FlowTableTest);
