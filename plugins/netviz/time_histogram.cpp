#include "time_histogram.h"

#include <algorithm>

namespace tcpflow {
namespace netviz {

namespace {

constexpr int64_t kMs = 1000000;
constexpr int64_t kSec = 1000 * kMs;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kHour = 60 * kMin;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kWeek = 7 * kDay;

// floor(a / b) for b > 0, also for negative a.
int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace

const std::vector<BucketWidth>& TimeHistogram::ladder() {
    // The last widths cover any timestamp a capture file can hold with 100 bars.
    static const std::vector<BucketWidth> widths = {
        {kMs, "1 ms"},           {5 * kMs, "5 ms"},        {10 * kMs, "10 ms"},        {50 * kMs, "50 ms"},
        {100 * kMs, "100 ms"},   {500 * kMs, "500 ms"},    {kSec, "1 s"},              {5 * kSec, "5 s"},
        {10 * kSec, "10 s"},     {30 * kSec, "30 s"},      {kMin, "1 min"},            {5 * kMin, "5 min"},
        {10 * kMin, "10 min"},   {30 * kMin, "30 min"},    {kHour, "1 hour"},          {2 * kHour, "2 hours"},
        {6 * kHour, "6 hours"},  {12 * kHour, "12 hours"}, {kDay, "1 day"},            {kWeek, "1 week"},
        {4 * kWeek, "4 weeks"},  {52 * kWeek, "52 weeks"}, {520 * kWeek, "520 weeks"}, {5200 * kWeek, "5200 weeks"},
    };
    return widths;
}

TimeHistogram::TimeHistogram(size_t max_bars, size_t ports_per_bucket)
    : max_bars_(max_bars ? max_bars : 1), port_capacity_(ports_per_bucket) {}

int64_t TimeHistogram::index_of(int64_t t_ns) const {
    return floor_div(t_ns, width().ns);
}

void TimeHistogram::add(int64_t t_ns, uint64_t bytes, bool has_port, uint16_t port) {
    if (buckets_.empty()) {
        first_index_ = index_of(t_ns);
        buckets_.emplace_back(port_capacity_);
    }
    int64_t index = index_of(t_ns);
    cover(index);
    index = index_of(t_ns);  // the width may have grown
    Bucket& b = buckets_[static_cast<size_t>(index - first_index_)];
    b.bytes += bytes;
    ++b.packets;
    if (has_port) b.ports.add(port, bytes);
}

void TimeHistogram::merge(const TimeHistogram& other) {
    if (other.empty()) return;
    if (empty()) {
        *this = other;
        return;
    }
    // Each side's width is the finest that fits its own packets; the union
    // needs at least the coarser of the two, and cover() goes further up
    // the ladder only if the union's span asks for it.
    while (level_ < other.level_) coarsen();
    auto index_here = [&](int64_t other_index) { return floor_div(other_index, width().ns / other.width().ns); };
    const int64_t other_last = other.first_index_ + static_cast<int64_t>(other.buckets_.size()) - 1;
    cover(index_here(other.first_index_));
    cover(index_here(other_last));
    for (size_t i = 0; i < other.buckets_.size(); ++i) {
        const Bucket& from = other.buckets_[i];
        Bucket& to = buckets_[static_cast<size_t>(index_here(other.first_index_ + static_cast<int64_t>(i)) - first_index_)];
        to.bytes += from.bytes;
        to.packets += from.packets;
        to.ports.merge(from.ports);
    }
}

// Makes `index` (at the current width) part of buckets_, coarsening until
// the whole span fits in max_bars_ buckets.
void TimeHistogram::cover(int64_t index) {
    const int64_t last = first_index_ + static_cast<int64_t>(buckets_.size()) - 1;
    int64_t lo = std::min(first_index_, index), hi = std::max(last, index);
    while (hi - lo + 1 > static_cast<int64_t>(max_bars_) && level_ + 1 < ladder().size()) {
        const int64_t ratio = ladder()[level_ + 1].ns / width().ns;
        coarsen();
        lo = floor_div(lo, ratio);
        hi = floor_div(hi, ratio);
    }
    if (lo < first_index_) {
        buckets_.insert(buckets_.begin(), static_cast<size_t>(first_index_ - lo), Bucket(port_capacity_));
        first_index_ = lo;
    }
    const int64_t have = first_index_ + static_cast<int64_t>(buckets_.size()) - 1;
    if (hi > have) buckets_.resize(buckets_.size() + static_cast<size_t>(hi - have), Bucket(port_capacity_));
}

// Moves one step up the ladder: bucket k becomes part of bucket floor(k / ratio).
void TimeHistogram::coarsen() {
    const int64_t ratio = ladder()[level_ + 1].ns / width().ns;
    const int64_t new_first = floor_div(first_index_, ratio);
    const int64_t new_last = floor_div(first_index_ + static_cast<int64_t>(buckets_.size()) - 1, ratio);
    std::vector<Bucket> merged(static_cast<size_t>(new_last - new_first + 1), Bucket(port_capacity_));
    for (size_t i = 0; i < buckets_.size(); ++i) {
        const int64_t k = first_index_ + static_cast<int64_t>(i);
        Bucket& to = merged[static_cast<size_t>(floor_div(k, ratio) - new_first)];
        to.bytes += buckets_[i].bytes;
        to.packets += buckets_[i].packets;
        to.ports.merge(buckets_[i].ports);
    }
    buckets_.swap(merged);
    first_index_ = new_first;
    ++level_;
}

}  // namespace netviz
}  // namespace tcpflow
