// Connection ids: shared by the directions of a connection, different for a reused
// 4-tuple (even at the same instant), independent of other traffic, and written "C"+base32.
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <vector>
#include "flow/connection_id.h"
#include "flow/flow_table.h"

using namespace tcpflow;

namespace {

struct IdSink : FlowSink {
    std::vector<std::pair<uint64_t, uint64_t>> opened;  // (flow_id, connection_id)
    void on_open(FlowInfo& f) override { opened.emplace_back(f.flow_id, f.connection_id); }
    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override {}
};

TcpSegment segment(uint8_t client, uint16_t cport, bool reverse, uint32_t seq, uint8_t flags, int64_t sec) {
    TcpSegment s;
    s.family = 4;
    uint8_t a[4] = {10, 0, 0, client}, b[4] = {10, 0, 0, 200};
    std::memcpy(s.src, reverse ? b : a, 4);
    std::memcpy(s.dst, reverse ? a : b, 4);
    s.sport = reverse ? 80 : cport;
    s.dport = reverse ? cport : 80;
    s.seq = seq;
    s.flags = flags;
    s.ts.sec = sec;
    s.caplen = s.wirelen = 54;
    return s;
}

}  // namespace

class ConnectionIdTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ConnectionIdTest);
    CPPUNIT_TEST(both_directions_share_the_id);
    CPPUNIT_TEST(reused_four_tuple_gets_a_new_id_even_at_the_same_instant);
    CPPUNIT_TEST(other_traffic_does_not_change_an_id);
    CPPUNIT_TEST(text_is_c_and_13_base32_digits);
    CPPUNIT_TEST_SUITE_END();

public:
    void both_directions_share_the_id() {
        IdSink sink;
        FlowTable t(FlowConfig(), {&sink});
        t.process(segment(1, 1234, false, 100, kSyn, 5));
        t.process(segment(1, 1234, true, 900, kSyn | kAck, 6));
        CPPUNIT_ASSERT_EQUAL(size_t(2), sink.opened.size());
        CPPUNIT_ASSERT_EQUAL(sink.opened[0].second, sink.opened[1].second);
        Timestamp start;
        start.sec = 5;
        CPPUNIT_ASSERT_EQUAL(connection_id(flow_key_of(segment(1, 1234, false, 100, kSyn, 5)), start, 0),
                             sink.opened[0].second);
    }

    void reused_four_tuple_gets_a_new_id_even_at_the_same_instant() {
        IdSink sink;
        FlowTable t(FlowConfig(), {&sink});
        for (int round = 0; round < 3; ++round) {  // SYN then RST, three times, all at second 7
            t.process(segment(1, 1234, false, 100 + 1000 * round, kSyn, 7));
            t.process(segment(1, 1234, false, 101 + 1000 * round, kRst, 7));
        }
        CPPUNIT_ASSERT_EQUAL(size_t(3), sink.opened.size());
        CPPUNIT_ASSERT(sink.opened[0].second != sink.opened[1].second);
        CPPUNIT_ASSERT(sink.opened[1].second != sink.opened[2].second);
        CPPUNIT_ASSERT(sink.opened[0].second != sink.opened[2].second);
    }

    void other_traffic_does_not_change_an_id() {
        IdSink alone, mixed;
        FlowTable a(FlowConfig(), {&alone}), b(FlowConfig(), {&mixed});
        a.process(segment(1, 1234, false, 100, kSyn, 5));
        for (uint8_t c = 2; c < 40; ++c) b.process(segment(c, 1234, false, 100, kSyn, 4));
        b.process(segment(1, 1234, false, 100, kSyn, 5));
        CPPUNIT_ASSERT_EQUAL(alone.opened[0].second, mixed.opened.back().second);
    }

    void text_is_c_and_13_base32_digits() {
        CPPUNIT_ASSERT_EQUAL(std::string("Caaaaaaaaaaaaa"), connection_id_text(0));
        CPPUNIT_ASSERT_EQUAL(std::string("Cp777777777777"), connection_id_text(UINT64_MAX));
        CPPUNIT_ASSERT_EQUAL(std::string("Caaaaaaaaaaaab"), connection_id_text(1));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConnectionIdTest);
