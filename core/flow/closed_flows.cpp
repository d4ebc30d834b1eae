#include "flow/closed_flows.h"
#include <algorithm>

namespace tcpflow {

void ClosedFlows::remember(const FlowKey& key, uint32_t first_seq, uint32_t end_seq,
                           std::vector<Hole> holes) {
    if (capacity_ == 0) return;
    ++generation_;
    ranges_[key] = Range{first_seq, end_seq, generation_, std::move(holes)};
    order_.emplace_back(key, generation_);
    // Entries overwritten by a newer generation stay in order_ until they reach the
    // front; the generation check skips them, so the deque stays bounded by 2x.
    while (ranges_.size() > capacity_ || order_.size() > 2 * capacity_) {
        auto [old_key, gen] = order_.front();
        order_.pop_front();
        auto it = ranges_.find(old_key);
        if (it != ranges_.end() && it->second.generation == gen) ranges_.erase(it);
    }
}

bool ClosedFlows::covers(const FlowKey& key, uint32_t seq, uint32_t len) const {
    auto it = ranges_.find(key);
    if (it == ranges_.end()) return false;
    const Range& r = it->second;
    // Sequence-space comparisons: distance from the first byte, modulo 2^32.
    uint32_t span = r.end - r.first;
    uint32_t start = seq - r.first;
    if (start > span || len > span - start) return false;
    for (const Hole& h : r.holes)
        if (start < h.offset + h.length && h.offset < start + len) return false;
    return true;
}

void ClosedFlows::remember_connection(const FlowKey& key, const Timestamp& start, uint32_t nth) {
    auto it = ranges_.find(key);
    if (it == ranges_.end()) return;
    it->second.conn_start = start;
    it->second.conn_nth = nth;
}

uint32_t ClosedFlows::connection_nth(const FlowKey& key, const Timestamp& start) const {
    uint32_t nth = 0;
    for (const FlowKey& k : {key, key.reversed()}) {
        auto it = ranges_.find(k);
        if (it != ranges_.end() && it->second.conn_start == start) nth = std::max(nth, it->second.conn_nth + 1);
    }
    return nth;
}

void ClosedFlows::forget(const FlowKey& key) { ranges_.erase(key); }

}  // namespace tcpflow
