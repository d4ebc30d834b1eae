// See spilled_ranges.h.
#include "reassembly/spilled_ranges.h"

#include <iterator>

namespace tcpflow {

void SpilledRanges::add(uint64_t from, uint64_t to) {
    if (from >= to) return;
    bytes_ += to - from;
    auto next = ranges_.lower_bound(from);
    if (next != ranges_.end() && next->first == to) {  // touches the interval on its right
        to = next->second;
        next = ranges_.erase(next);
    }
    if (next != ranges_.begin()) {
        auto prev = std::prev(next);
        if (prev->second == from) {  // touches the interval on its left
            prev->second = to;
            return;
        }
    }
    ranges_.emplace_hint(next, from, to);
}

void SpilledRanges::pop_first() {
    auto it = ranges_.begin();
    bytes_ -= it->second - it->first;
    ranges_.erase(it);
}

uint64_t SpilledRanges::contiguous_end(uint64_t from) const {
    auto it = ranges_.upper_bound(from);
    if (it == ranges_.begin()) return from;
    --it;
    return it->second > from ? it->second : from;
}

}  // namespace tcpflow
