#include "report_model.h"

#include <algorithm>

#include "units.h"

namespace tcpflow {
namespace netviz {

namespace {

// Distinct at a glance and for most colour-blind readers (Okabe-Ito order).
const Color kPalette[kStackedPorts] = {
    {0.00, 0.45, 0.70}, {0.90, 0.62, 0.00}, {0.00, 0.62, 0.45},
    {0.80, 0.47, 0.65}, {0.84, 0.37, 0.00}, {0.34, 0.71, 0.91},
};
const Color kOtherColor = {0.70, 0.70, 0.70};

const char* service_name(uint16_t port) {
    switch (port) {
        case 20: case 21: return "FTP";
        case 22: return "SSH";
        case 23: return "Telnet";
        case 25: case 587: return "SMTP";
        case 53: return "DNS";
        case 67: case 68: return "DHCP";
        case 80: case 8000: case 8080: return "HTTP";
        case 110: return "POP3";
        case 123: return "NTP";
        case 137: case 138: case 139: return "NetBIOS";
        case 143: return "IMAP";
        case 161: case 162: return "SNMP";
        case 389: return "LDAP";
        case 443: case 8443: return "HTTPS";
        case 445: return "SMB";
        case 993: return "IMAPS";
        case 995: return "POP3S";
        case 1900: return "SSDP";
        case 3306: return "MySQL";
        case 3389: return "RDP";
        case 5353: return "mDNS";
        case 5432: return "PostgreSQL";
        default: return nullptr;
    }
}

std::string transports_line(const CaptureStats& s) {
    std::string line = "Transports (share of bytes):";
    for (int i = 0; i < kTransportCount; ++i) {
        const auto t = static_cast<Transport>(i);
        line += std::string("  ") + transport_name(t) + " " + format_percent(s.transport_bytes(t), s.bytes());
    }
    return line;
}

// "dir/a.pcap" -> "a.pcap"; "interface eth0" and "stdin" stay as they are.
std::string shown_name(const std::string& input) {
    if (input.rfind("interface ", 0) == 0) return input;
    const size_t slash = input.find_last_of('/');
    return slash == std::string::npos || slash + 1 == input.size() ? input : input.substr(slash + 1);
}

}  // namespace

std::string input_label(const std::string& inputs, const std::string& links) {
    const std::string what = links.empty() ? "no packets read" : links + " capture";
    if (inputs.empty()) return what;
    // The host joins the names with ", " (a name holding ", " is miscounted; it is only a label).
    size_t count = 1;
    for (size_t at = inputs.find(", "); at != std::string::npos; at = inputs.find(", ", at + 2)) ++count;
    std::string label = shown_name(inputs.substr(0, inputs.find(", ")));
    if (count > 1) label += " + " + std::to_string(count - 1) + " more";
    return label + " (" + what + ")";
}

namespace {

std::vector<std::string> header_lines(const CaptureStats& s, const ReportContext& c) {
    std::vector<std::string> lines;
    lines.push_back("Program: " + c.program + " (" + c.scanner + ")");
    if (!c.input.empty()) lines.push_back("Input: " + c.input);
    lines.push_back("Generated: " + c.generated);
    if (s.packets() == 0) {
        lines.push_back("Packets analysed: 0");
        return lines;
    }
    lines.push_back("First packet: " + format_utc(s.first_ns()) + "    Last packet: " + format_utc(s.last_ns()) +
                    "    Span: " + format_duration(s.last_ns() - s.first_ns()));
    lines.push_back("Packets analysed: " + std::to_string(s.packets()) + " (" + format_bytes(s.bytes()) + ", " +
                    std::to_string(s.bytes()) + " bytes)");
    lines.push_back(transports_line(s));
    return lines;
}

HistogramView histogram_view(const CaptureStats& s) {
    HistogramView v;
    const TimeHistogram& h = s.histogram();
    v.width_label = h.width().label;
    v.width_ns = h.width().ns;
    if (h.empty()) return v;
    v.start_offset_ns = h.bucket_start(0) - s.first_ns();

    std::vector<uint16_t> ports;
    for (const auto& e : s.service_ports().top(kStackedPorts)) {
        ports.push_back(e.key);
        v.series.push_back({"port " + port_label(e.key), kPalette[ports.size() - 1]});
    }
    v.series.push_back({ports.empty() ? "all traffic" : "other", kOtherColor});

    for (const auto& bucket : h.buckets()) {
        std::vector<uint64_t> bar;
        uint64_t left = bucket.bytes;
        // A bucket's port counts may overestimate after evictions; the
        // stack must still add up to the bucket's exact bytes.
        for (uint16_t p : ports) {
            const uint64_t b = std::min(left, bucket.ports.count_of(p));
            bar.push_back(b);
            left -= b;
        }
        bar.push_back(left);
        v.bars.push_back(std::move(bar));
        v.max_bar = std::max(v.max_bar, bucket.bytes);
    }
    return v;
}

template <class Counter, class Label>
TopChart top_chart(const std::string& title, const std::string& what, const Counter& counter, Label label) {
    TopChart chart;
    chart.title = title;
    chart.basis = "% of " + format_bytes(counter.total()) + " " + what;
    chart.approximate = counter.saturated();
    for (const auto& e : counter.top(kTopBars))
        chart.items.push_back({label(e.key), e.count, format_percent(e.count, counter.total())});
    return chart;
}

}  // namespace

std::string port_label(uint16_t port) {
    const char* name = service_name(port);
    return name ? std::to_string(port) + " (" + name + ")" : std::to_string(port);
}

ReportModel build_report_model(const CaptureStats& s, const ReportContext& c) {
    ReportModel m;
    m.title = "tcpflow network visualisation";
    m.header = header_lines(s, c);
    m.has_packets = s.packets() > 0;
    if (!m.has_packets) {
        m.empty_message = "The capture holds no packets: nothing to chart.";
        return m;
    }
    m.histogram = histogram_view(s);
    auto address = [](const NetAddress& a) { return a.text(); };
    auto port = [](uint16_t p) { return port_label(p); };
    m.charts.push_back(top_chart("Top source addresses", "IP traffic", s.sources(), address));
    m.charts.push_back(top_chart("Top destination addresses", "IP traffic", s.destinations(), address));
    m.charts.push_back(top_chart("Top source ports", "TCP/UDP traffic", s.source_ports(), port));
    m.charts.push_back(top_chart("Top destination ports", "TCP/UDP traffic", s.destination_ports(), port));
    return m;
}

}  // namespace netviz
}  // namespace tcpflow
