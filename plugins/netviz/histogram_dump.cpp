#include "histogram_dump.h"

#include "report_model.h"
#include "units.h"

namespace tcpflow {
namespace netviz {

namespace {

template <class Counter, class Label>
void dump_counter(std::ostream& out, const char* title, const Counter& c, Label label) {
    out << "netviz: " << title << ": " << c.size() << " keys tracked (capacity " << c.capacity() << "), total "
        << c.total() << " bytes, " << (c.saturated() ? "approximate (keys were evicted)" : "exact") << "\n";
    for (const auto& e : c.top(c.size())) {
        out << "  " << label(e.key) << "\t" << e.count;
        if (e.error) out << "\t(overestimated by at most " << e.error << ")";
        out << "\n";
    }
}

void dump_time(std::ostream& out, const CaptureStats& s) {
    const TimeHistogram& h = s.histogram();
    out << "netviz: time histogram: " << h.buckets().size() << " buckets of " << h.width().label << "\n";
    for (size_t i = 0; i < h.buckets().size(); ++i) {
        const auto& b = h.buckets()[i];
        out << "  " << format_utc(h.bucket_start(i)) << "\t" << b.bytes << " bytes\t" << b.packets << " packets\n";
    }
}

}  // namespace

void dump_histograms(std::ostream& out, const CaptureStats& s) {
    out << "netviz: " << s.packets() << " packets, " << s.bytes() << " bytes\n";
    for (int i = 0; i < kTransportCount; ++i) {
        const auto t = static_cast<Transport>(i);
        out << "netviz: transport " << transport_name(t) << ": " << s.transport_packets(t) << " packets, "
            << s.transport_bytes(t) << " bytes\n";
    }
    dump_time(out, s);
    auto address = [](const NetAddress& a) { return a.text(); };
    auto port = [](uint16_t p) { return std::to_string(p); };
    dump_counter(out, "source addresses", s.sources(), address);
    dump_counter(out, "destination addresses", s.destinations(), address);
    dump_counter(out, "source ports", s.source_ports(), port);
    dump_counter(out, "destination ports", s.destination_ports(), port);
    dump_counter(out, "service ports", s.service_ports(), port);
}

}  // namespace netviz
}  // namespace tcpflow
