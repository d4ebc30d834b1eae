// The out-of-order bytes of one stream direction that left memory: handed to
// the output (the flow file, at their offsets) to be read back when the hole
// before them fills. Only their positions are kept, as an ordered set of
// disjoint intervals; touching intervals are merged, so data that arrives in
// order behind one hole costs one entry however many segments it spans.
#pragma once
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <iterator>
#include <map>

namespace tcpflow {

class SpilledRanges {
public:
    /// What one interval costs in memory (map node and allocator rounding).
    static constexpr uint64_t kRangeOverhead = 64;

    /// Record [from, to); it must not overlap a recorded interval.
    void add(uint64_t from, uint64_t to);
    bool empty() const { return ranges_.empty(); }
    uint64_t first_position() const { return ranges_.begin()->first; }
    uint64_t first_end() const { return ranges_.begin()->second; }
    void pop_first();
    /// End of the interval that starts at or before `from` and reaches past it
    /// (`from` if none): with PendingBlocks::contiguous_end, how far data runs.
    uint64_t contiguous_end(uint64_t from) const;
    /// Call piece(pos, len) for each part of [pos, pos+len) that no interval
    /// covers, in order; returns the number of bytes that were covered.
    template <class Piece>
    uint64_t for_each_uncovered(uint64_t pos, uint64_t len, Piece&& piece) const;
    uint64_t bytes() const { return bytes_; }
    uint64_t memory_used() const { return kRangeOverhead * ranges_.size(); }
    size_t size() const { return ranges_.size(); }

private:
    std::map<uint64_t, uint64_t> ranges_;  // start -> end
    uint64_t bytes_ = 0;
};

template <class Piece>
uint64_t SpilledRanges::for_each_uncovered(uint64_t pos, uint64_t len, Piece&& piece) const {
    const uint64_t end = pos + len;
    uint64_t covered = 0;
    auto it = ranges_.upper_bound(pos);
    if (it != ranges_.begin() && std::prev(it)->second > pos) --it;
    while (pos < end) {
        if (it == ranges_.end() || it->first >= end) {
            piece(pos, end - pos);
            break;
        }
        if (it->first > pos) piece(pos, it->first - pos);
        const uint64_t stop = std::min(end, it->second);
        covered += stop - std::max(pos, it->first);
        pos = stop;
        ++it;
    }
    return covered;
}

}  // namespace tcpflow
