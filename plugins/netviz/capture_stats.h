// Everything netviz accumulates over a run, one packet at a time, in memory
// bounded by the top-N capacity (never by the number of addresses or ports).
#ifndef TCPFLOW_NETVIZ_CAPTURE_STATS_H
#define TCPFLOW_NETVIZ_CAPTURE_STATS_H

#include <array>
#include <cstddef>
#include <cstdint>

#include "net_address.h"
#include "packet_classifier.h"
#include "time_histogram.h"
#include "top_counter.h"

namespace tcpflow {
namespace netviz {

using AddressCounter = TopCounter<NetAddress, NetAddressHash>;
using PortCounter = TopCounter<uint16_t>;

/// The port that names a conversation's service: the lower of the two, since
/// clients almost always use the higher, ephemeral one.
inline uint16_t service_port(uint16_t sport, uint16_t dport) { return sport < dport ? sport : dport; }

/// Packet time as ns since the epoch, clamped so that the difference of any
/// two such times fits in 64 bits (a corrupt timestamp must not overflow).
int64_t packet_time_ns(int64_t sec, uint32_t nsec);

class CaptureStats {
public:
    /// top_capacity: keys tracked per top-N structure (netviz_histogram_size).
    explicit CaptureStats(size_t top_capacity, size_t max_bars = 100);

    /// Counts one packet of `bytes` bytes seen at t_ns.
    void add(const PacketFacts& facts, int64_t t_ns, uint64_t bytes);
    /// Adds the packets another instance counted (-j N: one per worker). The
    /// result equals one CaptureStats given every packet whenever that one's
    /// counts are exact (no top-N structure evicted a key, see dump and
    /// report); otherwise both are within the top-N error bounds.
    void merge(const CaptureStats& other);

    uint64_t packets() const { return packets_; }
    uint64_t bytes() const { return bytes_; }
    int64_t first_ns() const { return first_ns_; }  // earliest packet time (valid if packets() > 0)
    int64_t last_ns() const { return last_ns_; }    // latest packet time
    uint64_t transport_bytes(Transport t) const { return transport_bytes_[static_cast<size_t>(t)]; }
    uint64_t transport_packets(Transport t) const { return transport_packets_[static_cast<size_t>(t)]; }

    const AddressCounter& sources() const { return sources_; }
    const AddressCounter& destinations() const { return destinations_; }
    const PortCounter& source_ports() const { return source_ports_; }
    const PortCounter& destination_ports() const { return destination_ports_; }
    const PortCounter& service_ports() const { return service_ports_; }
    const TimeHistogram& histogram() const { return histogram_; }

private:
    uint64_t packets_ = 0, bytes_ = 0;
    int64_t first_ns_ = 0, last_ns_ = 0;
    std::array<uint64_t, kTransportCount> transport_bytes_{}, transport_packets_{};
    AddressCounter sources_, destinations_;
    PortCounter source_ports_, destination_ports_, service_ports_;
    TimeHistogram histogram_;
};

}  // namespace netviz
}  // namespace tcpflow

#endif
