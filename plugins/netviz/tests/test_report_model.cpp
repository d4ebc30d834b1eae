// The page content before drawing: header facts, stacked bars that add up,
// top-N items with percentages, and the empty and single-packet cases.
#include <cppunit/extensions/HelperMacros.h>

#include "packet_builder.h"
#include "report_model.h"
#include "units.h"

namespace tcpflow {
namespace netviz {

using namespace test;

namespace {
constexpr int64_t kMs = 1000000;
constexpr int64_t kT0 = 1368627667LL * 1000 * kMs;

void feed(CaptureStats& s, const Bytes& frame, int64_t t, uint64_t bytes) {
    s.add(classify_packet(1, frame.data(), static_cast<uint32_t>(frame.size())), t, bytes);
}

ReportContext context() { return {"tcpflow 9.9", "netviz 9.9", "Ethernet capture", "2026-01-01 00:00:00 +0000"}; }

bool has_line_containing(const std::vector<std::string>& lines, const std::string& text) {
    for (const auto& l : lines)
        if (l.find(text) != std::string::npos) return true;
    return false;
}

// Traffic on 8 service ports, port p carrying p*100 bytes per 100 ms for 2 s.
CaptureStats many_ports() {
    CaptureStats s(1000);
    for (int64_t t = 0; t < 2000; t += 100)
        for (uint16_t p = 1; p <= 8; ++p)
            feed(s, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(60000, p))), kT0 + t * kMs, p * 100u);
    return s;
}
}  // namespace

class ReportModelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ReportModelTest);
    CPPUNIT_TEST(header_states_counts_times_and_transports);
    CPPUNIT_TEST(busiest_ports_are_stacked_and_bars_add_up);
    CPPUNIT_TEST(top_charts_hold_ten_items_with_percentages);
    CPPUNIT_TEST(empty_capture_says_so);
    CPPUNIT_TEST(single_packet_gives_one_bar);
    CPPUNIT_TEST(arp_only_capture_has_empty_top_charts);
    CPPUNIT_TEST(units_format_readably);
    CPPUNIT_TEST(input_label_names_the_inputs);
    CPPUNIT_TEST_SUITE_END();

public:
    void header_states_counts_times_and_transports() {
        CaptureStats s(100);
        feed(s, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2))), kT0, 750);
        feed(s, ethernet(0x0806, arp_request()), kT0 + 2500 * kMs, 250);
        const ReportModel m = build_report_model(s, context());
        CPPUNIT_ASSERT(m.has_packets);
        CPPUNIT_ASSERT(has_line_containing(m.header, "tcpflow 9.9"));
        CPPUNIT_ASSERT(has_line_containing(m.header, "Input: Ethernet capture"));
        CPPUNIT_ASSERT(has_line_containing(m.header, "Packets analysed: 2 (1.00 kB, 1000 bytes)"));
        CPPUNIT_ASSERT(has_line_containing(m.header, "2013-05-15 14:21:07.000000 UTC"));
        CPPUNIT_ASSERT(has_line_containing(m.header, "2013-05-15 14:21:09.500000 UTC"));
        CPPUNIT_ASSERT(has_line_containing(m.header, "Span: 2.5 s"));
        CPPUNIT_ASSERT(has_line_containing(m.header, "IPv4 75.0%  IPv6 0%  ARP 25.0%  VLAN 0%  Other 0%"));
    }

    void busiest_ports_are_stacked_and_bars_add_up() {
        const CaptureStats s = many_ports();
        const HistogramView v = build_report_model(s, context()).histogram;
        CPPUNIT_ASSERT_EQUAL(kStackedPorts + 1, v.series.size());
        CPPUNIT_ASSERT_EQUAL(std::string("port 8"), v.series[0].label);
        CPPUNIT_ASSERT_EQUAL(std::string("port 3"), v.series[5].label);
        CPPUNIT_ASSERT_EQUAL(std::string("other"), v.series[6].label);
        CPPUNIT_ASSERT_EQUAL(std::string("50 ms"), v.width_label);
        CPPUNIT_ASSERT_EQUAL(size_t(39), v.bars.size());  // 0 .. 1900 ms
        const auto& b = s.histogram().buckets();
        for (size_t i = 0; i < v.bars.size(); ++i) {
            uint64_t sum = 0;
            for (uint64_t x : v.bars[i]) sum += x;
            CPPUNIT_ASSERT_EQUAL(b[i].bytes, sum);
        }
        CPPUNIT_ASSERT_EQUAL(uint64_t(800), v.bars[0][0]);
        CPPUNIT_ASSERT_EQUAL(uint64_t(300), v.bars[0][6]);  // ports 1 and 2
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), v.bars[1][0]);    // the 50 ms between packets
        CPPUNIT_ASSERT_EQUAL(uint64_t(3600), v.max_bar);
    }

    void top_charts_hold_ten_items_with_percentages() {
        CaptureStats s(1000);
        for (int i = 1; i <= 12; ++i) {
            const std::string src = "10.0.0." + std::to_string(i);
            feed(s, ethernet(0x0800, ipv4(src.c_str(), "10.0.0.100", 17, udp(static_cast<uint16_t>(i), 53))), kT0,
                 static_cast<uint64_t>(i) * 10);
        }
        const ReportModel m = build_report_model(s, context());
        CPPUNIT_ASSERT_EQUAL(size_t(4), m.charts.size());
        const TopChart& src = m.charts[0];
        CPPUNIT_ASSERT_EQUAL(std::string("Top source addresses"), src.title);
        CPPUNIT_ASSERT_EQUAL(kTopBars, src.items.size());
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.12"), src.items[0].label);
        CPPUNIT_ASSERT_EQUAL(std::string("15.4%"), src.items[0].percent);  // 120 of 780
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.3"), src.items[9].label);
        CPPUNIT_ASSERT_EQUAL(std::string("100%"), m.charts[1].items[0].percent);
        CPPUNIT_ASSERT_EQUAL(std::string("53 (DNS)"), m.charts[3].items[0].label);
        CPPUNIT_ASSERT(!src.approximate);
    }

    void empty_capture_says_so() {
        const ReportModel m = build_report_model(CaptureStats(10), context());
        CPPUNIT_ASSERT(!m.has_packets);
        CPPUNIT_ASSERT(!m.empty_message.empty());
        CPPUNIT_ASSERT(has_line_containing(m.header, "Packets analysed: 0"));
        CPPUNIT_ASSERT(m.charts.empty());
    }

    void single_packet_gives_one_bar() {
        CaptureStats s(10);
        feed(s, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 443))), kT0, 66);
        const ReportModel m = build_report_model(s, context());
        CPPUNIT_ASSERT_EQUAL(size_t(1), m.histogram.bars.size());
        CPPUNIT_ASSERT_EQUAL(uint64_t(66), m.histogram.max_bar);
        CPPUNIT_ASSERT_EQUAL(std::string("port 443 (HTTPS)"), m.histogram.series[0].label);
        CPPUNIT_ASSERT(has_line_containing(m.header, "Span: 0 \xc2\xb5s"));
        CPPUNIT_ASSERT_EQUAL(std::string("100%"), m.charts[0].items[0].percent);
    }

    void arp_only_capture_has_empty_top_charts() {
        CaptureStats s(10);
        feed(s, ethernet(0x0806, arp_request()), kT0, 60);
        const ReportModel m = build_report_model(s, context());
        CPPUNIT_ASSERT(m.has_packets);
        for (const auto& c : m.charts) CPPUNIT_ASSERT(c.items.empty());
        CPPUNIT_ASSERT_EQUAL(size_t(1), m.histogram.series.size());  // "all traffic"
    }

    void units_format_readably() {
        CPPUNIT_ASSERT_EQUAL(std::string("999 B"), format_bytes(999));
        CPPUNIT_ASSERT_EQUAL(std::string("14.7 kB"), format_bytes(14720));
        CPPUNIT_ASSERT_EQUAL(std::string("1.00 MB"), format_bytes(999999));
        CPPUNIT_ASSERT_EQUAL(std::string("<0.01%"), format_percent(1, 1000000));
        CPPUNIT_ASSERT_EQUAL(std::string("99.99%"), format_percent(999999, 1000000));
        CPPUNIT_ASSERT_EQUAL(std::string("0%"), format_percent(0, 0));
        CPPUNIT_ASSERT_EQUAL(std::string("3 min 12 s"), format_duration(192LL * 1000 * kMs));
        CPPUNIT_ASSERT_EQUAL(uint64_t(2000), nice_step(7000, 4));
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), nice_step(0, 4));
    }

    void input_label_names_the_inputs() {
        CPPUNIT_ASSERT_EQUAL(std::string("a.pcap (Ethernet capture)"), input_label("/data/a.pcap", "Ethernet"));
        CPPUNIT_ASSERT_EQUAL(std::string("a.pcap + 2 more (Ethernet, raw IP capture)"),
                             input_label("dir/a.pcap, b.pcap, c.pcap", "Ethernet, raw IP"));
        CPPUNIT_ASSERT_EQUAL(std::string("interface eth0 (Ethernet capture)"), input_label("interface eth0", "Ethernet"));
        CPPUNIT_ASSERT_EQUAL(std::string("stdin (no packets read)"), input_label("stdin", ""));
        // A 1.0 host cannot name the inputs: only the link types, as before.
        CPPUNIT_ASSERT_EQUAL(std::string("Ethernet capture"), input_label("", "Ethernet"));
        CPPUNIT_ASSERT_EQUAL(std::string("no packets read"), input_label("", ""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReportModelTest);

}  // namespace netviz
}  // namespace tcpflow
