// The out-of-order store of one stream direction: copies of bytes that arrived
// ahead of the delivery point, as an ordered map position -> contiguous block.
// Blocks never overlap. Adjacent blocks are merged when that is cheap (the
// right one is not larger than the left one), so tiny interleaved segments end
// up in few blocks without a quadratic copying cost.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "reassembly/overlap_policy.h"

namespace tcpflow {

class PendingBlocks {
public:
    /// What one block costs besides its bytes (map node, vector header, allocator
    /// rounding). Charged so that many one-byte blocks count as what they weigh.
    static constexpr uint64_t kBlockOverhead = 64;

    struct InsertResult {
        uint64_t overlapped_bytes = 0;  // bytes of the segment that were already held
        bool conflict = false;          // some of them differed from what was held
    };

    /// Store [at, at+len). Overlapping held bytes are kept (FirstWins) or
    /// overwritten (LastWins); new bytes fill the holes.
    InsertResult insert(uint64_t at, const uint8_t* data, size_t len, OverlapPolicy policy);

    bool empty() const { return blocks_.empty(); }
    uint64_t first_position() const { return blocks_.begin()->first; }
    /// End of the run of held bytes contiguous from `from` (`from` if none held there).
    uint64_t contiguous_end(uint64_t from) const;
    uint64_t held_bytes() const { return held_; }
    size_t block_count() const { return blocks_.size(); }
    uint64_t memory_used() const { return held_ + kBlockOverhead * blocks_.size(); }

    /// Pass every held byte contiguous from `pos` to emit(position, data, len) in
    /// order and forget it. Returns the position after the last byte emitted.
    template <class Emit>
    uint64_t drain_from(uint64_t pos, Emit&& emit);

    /// Offer every held block to give_away(position, data, len), in order, and
    /// forget those it took (returned true). Returns the bytes given away.
    template <class GiveAway>
    uint64_t give_away(GiveAway&& give_away);

private:
    using Map = std::map<uint64_t, std::vector<uint8_t>>;
    static uint64_t end_of(Map::const_iterator it) { return it->first + it->second.size(); }

    void append(Map::iterator block, const uint8_t* data, size_t len);
    void fill_hole(Map::iterator next, uint64_t at, const uint8_t* data, size_t len);
    static bool overlap(Map::iterator block, uint64_t from, uint64_t to, const uint8_t* data,
                        OverlapPolicy policy);
    void merge_adjacent(uint64_t from, uint64_t to);

    Map blocks_;
    uint64_t held_ = 0;
};

template <class Emit>
uint64_t PendingBlocks::drain_from(uint64_t pos, Emit&& emit) {
    while (!blocks_.empty() && blocks_.begin()->first <= pos) {
        auto it = blocks_.begin();
        const uint64_t end = end_of(it);
        if (end > pos) {
            const size_t skip = static_cast<size_t>(pos - it->first);
            emit(pos, it->second.data() + skip, static_cast<size_t>(end - pos));
            pos = end;
        }
        held_ -= it->second.size();
        blocks_.erase(it);
    }
    return pos;
}

template <class GiveAway>
uint64_t PendingBlocks::give_away(GiveAway&& take) {
    uint64_t given = 0;
    for (auto it = blocks_.begin(); it != blocks_.end();) {
        if (take(it->first, it->second.data(), it->second.size())) {
            given += it->second.size();
            held_ -= it->second.size();
            it = blocks_.erase(it);
        } else {
            ++it;
        }
    }
    return given;
}

}  // namespace tcpflow
