// Bytes over time in at most `max_bars` buckets, built in one pass without
// knowing the capture's span in advance.
//
// Buckets start on whole multiples of their width since the epoch (UTC)
// and have a width taken from a ladder of readable widths (1 ms, 5 ms, 10 ms, ... 1 s, 5 s, ... 1 h, 1 day,
// 1 week, ...) in which every width divides the next. When a packet falls
// outside the span that `max_bars` buckets can cover, the width moves up the
// ladder and neighbouring buckets merge exactly (no proportional splitting),
// so the final width is the finest one that shows the whole capture in at
// most `max_bars` bars.
//
// Anchoring the grid on the epoch rather than on the first packet makes the
// histogram a function of the set of packets, not of their order: with -j N
// each worker's instance sees its own share, and merge() of the shares gives
// the histogram of one instance that saw them all (same width, same buckets,
// same byte and packet counts).
//
// Each bucket also keeps a small top-N of the ports that carried its bytes,
// so the chart can stack the busiest ports once they are known at the end.
#ifndef TCPFLOW_NETVIZ_TIME_HISTOGRAM_H
#define TCPFLOW_NETVIZ_TIME_HISTOGRAM_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "top_counter.h"

namespace tcpflow {
namespace netviz {

/// One readable bucket width.
struct BucketWidth {
    int64_t ns;
    const char* label;  // "100 ms", "1 min", ...
};

class TimeHistogram {
public:
    struct Bucket {
        explicit Bucket(size_t port_capacity) : ports(port_capacity) {}
        uint64_t bytes = 0;
        uint64_t packets = 0;
        TopCounter<uint16_t> ports;  // bytes per service port; port-less bytes are not in it
    };

    explicit TimeHistogram(size_t max_bars = 100, size_t ports_per_bucket = 16);

    /// Adds a packet at time t (ns since the epoch). `port` is its service port, if any.
    void add(int64_t t_ns, uint64_t bytes, bool has_port, uint16_t port);
    /// Adds every packet of `other` (same max_bars): the result is what one
    /// histogram given both sets of packets would hold; the per-bucket port
    /// counts are exact while a bucket has at most ports_per_bucket ports.
    void merge(const TimeHistogram& other);

    bool empty() const { return buckets_.empty(); }
    /// Current bucket width.
    const BucketWidth& width() const { return ladder()[level_]; }
    /// Start of bucket i of buckets(), in ns since the epoch.
    int64_t bucket_start(size_t i) const { return (first_index_ + static_cast<int64_t>(i)) * width().ns; }
    /// Contiguous buckets from the earliest to the latest packet, empty ones included.
    const std::vector<Bucket>& buckets() const { return buckets_; }
    size_t max_bars() const { return max_bars_; }

    /// The widths, finest first; each divides the next.
    static const std::vector<BucketWidth>& ladder();

private:
    int64_t index_of(int64_t t_ns) const;
    void cover(int64_t index);
    void coarsen();

    size_t max_bars_;
    size_t port_capacity_;
    size_t level_ = 0;         // position in ladder()
    int64_t first_index_ = 0;  // bucket index of buckets_[0]: it starts at first_index_ * width (epoch-based)
    std::vector<Bucket> buckets_;
};

}  // namespace netviz
}  // namespace tcpflow

#endif
