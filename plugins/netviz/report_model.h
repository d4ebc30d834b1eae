// What the page shows, as plain data: every number is computed and every
// label worded here, so the renderer only places things and the tests can
// check the content without drawing.
#ifndef TCPFLOW_NETVIZ_REPORT_MODEL_H
#define TCPFLOW_NETVIZ_REPORT_MODEL_H

#include <cstdint>
#include <string>
#include <vector>

#include "capture_stats.h"

namespace tcpflow {
namespace netviz {

struct Color {
    double r, g, b;
};

/// One stacked layer of the time histogram (a busy port, or "other").
struct Series {
    std::string label;
    Color color;
};

struct HistogramView {
    std::string width_label;          // "100 ms"
    int64_t width_ns = 0;
    int64_t start_offset_ns = 0;      // start of the first bar relative to the first packet
    std::vector<Series> series;       // bottom of the stack first
    std::vector<std::vector<uint64_t>> bars;  // bars[bar][series] bytes; each bar sums to its bucket
    uint64_t max_bar = 0;             // tallest bar, in bytes
};

struct TopItem {
    std::string label;
    uint64_t bytes;
    std::string percent;  // of the chart's total
};

struct TopChart {
    std::string title;     // "Top source addresses"
    std::string basis;     // what the percentages are of: "of 14.7 kB IP traffic"
    std::vector<TopItem> items;  // largest first, at most 10
    bool approximate = false;    // keys were evicted: counts are upper bounds
};

/// Facts about the run that do not come from the packets.
struct ReportContext {
    std::string program;      // "tcpflow 2.0.0"
    std::string scanner;      // "netviz 1.0.0"
    std::string input;        // the "Input:" text, see input_label()
    std::string generated;    // local time of the report
};

struct ReportModel {
    std::string title;
    std::vector<std::string> header;  // one line each
    bool has_packets = false;
    std::string empty_message;        // shown instead of charts when there are no packets
    HistogramView histogram;
    std::vector<TopChart> charts;     // source/destination addresses, source/destination ports
};

/// Ports stacked in the time histogram (the rest is "other").
constexpr size_t kStackedPorts = 6;
/// Bars per top-N chart and lines of text under it.
constexpr size_t kTopBars = 10;
constexpr size_t kTopLines = 3;

ReportModel build_report_model(const CaptureStats& stats, const ReportContext& context);

/// "80 (HTTP)", "9001".
std::string port_label(uint16_t port);

/// The "Input:" text. `inputs` is the host's run_info "inputs" (names joined
/// with ", ", "" when the host cannot say); `links` the link types seen
/// (LinkTypeSet::describe, "" when no packet was read). Files are shown by
/// their base name: "a.pcap (Ethernet capture)", "a.pcap + 2 more (Ethernet
/// capture)", "interface eth0 (Ethernet capture)"; without inputs, only the
/// link types: "Ethernet capture", "no packets read".
std::string input_label(const std::string& inputs, const std::string& links);

}  // namespace netviz
}  // namespace tcpflow

#endif
