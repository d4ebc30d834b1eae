#include "capture_stats.h"

#include <algorithm>

namespace tcpflow {
namespace netviz {

namespace {
// +-4.5e9 s (years 1827..2112) covers every pcap timestamp; twice 4.5e18 ns fits in int64.
constexpr int64_t kMaxAbsSec = 4500000000LL;
// Ports per time bucket: enough to stack the handful of busiest ports exactly
// on ordinary captures, small enough that 100 buckets stay tiny.
constexpr size_t kPortsPerBucket = 16;
}  // namespace

int64_t packet_time_ns(int64_t sec, uint32_t nsec) {
    sec = std::clamp(sec, -kMaxAbsSec, kMaxAbsSec);
    return sec * 1000000000LL + std::min<uint32_t>(nsec, 999999999u);
}

CaptureStats::CaptureStats(size_t top_capacity, size_t max_bars)
    : sources_(top_capacity),
      destinations_(top_capacity),
      source_ports_(top_capacity),
      destination_ports_(top_capacity),
      service_ports_(top_capacity),
      histogram_(max_bars, kPortsPerBucket) {}

void CaptureStats::add(const PacketFacts& f, int64_t t_ns, uint64_t bytes) {
    if (packets_ == 0) first_ns_ = last_ns_ = t_ns;
    first_ns_ = std::min(first_ns_, t_ns);
    last_ns_ = std::max(last_ns_, t_ns);
    ++packets_;
    bytes_ += bytes;
    transport_bytes_[static_cast<size_t>(f.transport)] += bytes;
    ++transport_packets_[static_cast<size_t>(f.transport)];
    if (f.has_addresses) {
        sources_.add(f.src, bytes);
        destinations_.add(f.dst, bytes);
    }
    if (f.has_ports) {
        source_ports_.add(f.sport, bytes);
        destination_ports_.add(f.dport, bytes);
        service_ports_.add(service_port(f.sport, f.dport), bytes);
    }
    histogram_.add(t_ns, bytes, f.has_ports, service_port(f.sport, f.dport));
}

void CaptureStats::merge(const CaptureStats& o) {
    if (o.packets_ == 0) return;
    first_ns_ = packets_ ? std::min(first_ns_, o.first_ns_) : o.first_ns_;
    last_ns_ = packets_ ? std::max(last_ns_, o.last_ns_) : o.last_ns_;
    packets_ += o.packets_;
    bytes_ += o.bytes_;
    for (size_t i = 0; i < transport_bytes_.size(); ++i) {
        transport_bytes_[i] += o.transport_bytes_[i];
        transport_packets_[i] += o.transport_packets_[i];
    }
    sources_.merge(o.sources_);
    destinations_.merge(o.destinations_);
    source_ports_.merge(o.source_ports_);
    destination_ports_.merge(o.destination_ports_);
    service_ports_.merge(o.service_ports_);
    histogram_.merge(o.histogram_);
}

}  // namespace netviz
}  // namespace tcpflow
