// See pending_blocks.h. The segment is walked once from left to right: each
// piece either overlaps a held block (compare, maybe overwrite) or lies in a
// hole (append to the block on its left when adjacent, else a new block).
#include "reassembly/pending_blocks.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace tcpflow {

PendingBlocks::InsertResult PendingBlocks::insert(uint64_t at, const uint8_t* data, size_t len,
                                                  OverlapPolicy policy) {
    InsertResult result;
    if (len == 0) return result;
    const uint64_t end = at + len;

    // Fast path: the segment continues the last held block (out-of-order data
    // usually arrives in order behind one hole).
    if (!blocks_.empty()) {
        auto last = std::prev(blocks_.end());
        if (end_of(last) == at) {
            append(last, data, len);
            return result;
        }
    }

    auto it = blocks_.upper_bound(at);
    if (it != blocks_.begin() && end_of(std::prev(it)) > at) --it;
    uint64_t cur = at;
    while (cur < end) {
        const uint8_t* src = data + (cur - at);
        if (it != blocks_.end() && it->first <= cur) {
            const uint64_t stop = std::min(end, end_of(it));
            if (overlap(it, cur, stop, src, policy)) result.conflict = true;
            result.overlapped_bytes += stop - cur;
            cur = stop;
            ++it;
        } else {
            const uint64_t stop = it == blocks_.end() ? end : std::min(end, it->first);
            fill_hole(it, cur, src, static_cast<size_t>(stop - cur));
            cur = stop;
        }
    }
    merge_adjacent(at, end);
    return result;
}

uint64_t PendingBlocks::contiguous_end(uint64_t from) const {
    auto it = blocks_.upper_bound(from);
    if (it == blocks_.begin()) return from;
    --it;
    uint64_t pos = from;
    // Adjacent blocks may stay unmerged, so follow the run.
    while (it != blocks_.end() && it->first <= pos) {
        pos = std::max(pos, end_of(it));
        ++it;
    }
    return pos;
}

void PendingBlocks::append(Map::iterator block, const uint8_t* data, size_t len) {
    block->second.insert(block->second.end(), data, data + len);
    held_ += len;
}

void PendingBlocks::fill_hole(Map::iterator next, uint64_t at, const uint8_t* data, size_t len) {
    if (next != blocks_.begin()) {
        auto prev = std::prev(next);
        if (end_of(prev) == at) {
            append(prev, data, len);
            return;
        }
    }
    blocks_.emplace_hint(next, at, std::vector<uint8_t>(data, data + len));
    held_ += len;
}

bool PendingBlocks::overlap(Map::iterator block, uint64_t from, uint64_t to, const uint8_t* data,
                            OverlapPolicy policy) {
    uint8_t* held = block->second.data() + (from - block->first);
    const size_t n = static_cast<size_t>(to - from);
    if (std::memcmp(held, data, n) == 0) return false;
    if (policy == OverlapPolicy::LastWins) std::memcpy(held, data, n);
    return true;
}

void PendingBlocks::merge_adjacent(uint64_t from, uint64_t to) {
    auto it = blocks_.lower_bound(from);
    if (it != blocks_.begin()) --it;  // a block ending exactly at `from`
    while (it != blocks_.end() && it->first <= to) {
        auto next = std::next(it);
        // Only merge when the right block is not larger: every byte copied then
        // lands in a block at least twice as large, so each byte is copied
        // O(log n) times however the segments are ordered.
        if (next != blocks_.end() && end_of(it) == next->first &&
            next->second.size() <= it->second.size()) {
            it->second.insert(it->second.end(), next->second.begin(), next->second.end());
            blocks_.erase(next);
            continue;
        }
        it = next;
    }
}

}  // namespace tcpflow
