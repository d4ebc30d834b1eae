// Stream reassembly of one TCP direction.
//
// The model
// ---------
// * Positions. A wire sequence number is turned into a 64-bit position once, on
//   the way in, by unwrapping it against the end of the last segment accepted
//   (within 2^31 either side, as TCP does): wraparound and streams longer than
//   4 GiB need no special case after that. Offsets handed to the output are
//   position - origin, where origin is the position of byte 0.
// * Byte 0. A flow started by a SYN has byte 0 at ISN+1, fixed for good; data
//   before it is a protocol violation (counted, dropped; a segment straddling it
//   keeps its part from byte 0 on). A flow picked up midstream starts "holding":
//   its bytes are kept, not delivered, and data earlier than byte 0 moves byte 0
//   back (tcpflow shifts its file to do the same). Once midstream_hold_bytes are
//   held, or on flush(), byte 0 is fixed and delivery starts.
// * Delivery. Bytes are delivered strictly in order. A segment at the delivery
//   point goes to the output straight from the caller's buffer (no copy, no
//   allocation); a segment ahead of it is copied into PendingBlocks, an ordered
//   map of non-overlapping blocks. After each segment whatever became
//   contiguous with the delivery point is delivered from the blocks.
// * Overlaps. Bytes already delivered are final: a retransmission over them is
//   counted as duplicate and dropped, and cannot be compared (they are gone).
//   Over held bytes the policy decides: FirstWins keeps them, LastWins
//   (tcpflow's plain overwrite) replaces them. Either way a difference counts
//   one overlap conflict per segment.
// * Holes. A hole is never filled with invented bytes here; it is given up with
//   gap(offset, len) when the held memory passes max_pending_bytes (the oldest
//   hole first, then the data behind it flows) or on flush() (all of them).
// * Spilling. Held bytes can be moved out of memory with spill(): the output
//   keeps them (the flow file, at their offsets) and only their intervals stay
//   here (SpilledRanges). When the delivery point reaches an interval the output
//   is asked to deliver it back (deliver_spilled). Spilled bytes are final like
//   delivered ones: a retransmission over them is a duplicate, whatever the policy.
//   Where they went may still charge them against max_pending_bytes
//   (ReassemblyOutput::spilled_charge: the scratch file does, the flow file not).
// * Memory. The only allocations are held blocks (and spilled intervals). Each block is charged its
//   bytes plus PendingBlocks::kBlockOverhead, and the charge is brought back
//   under max_pending_bytes after every segment, so no sequence of segments can
//   hold more than the cap (plus the segment being processed).
// * FIN. The first FIN fixes where the data ends; complete() says when every
//   byte before it has been delivered. Data after the FIN is still accepted.
#include "reassembly/stream_reassembler.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "reassembly/sequence_space.h"

namespace tcpflow {

StreamReassembler::StreamReassembler(const ReassemblyConfig& cfg) : cfg_(cfg) {}

void StreamReassembler::start_with_syn(uint32_t isn) {
    if (!started_) start_at(first_position(isn) + 1, true);
}

void StreamReassembler::start_midstream(uint32_t seq) {
    if (!started_) start_at(first_position(seq), false);
}

void StreamReassembler::restart_with_syn(uint32_t isn) {
    // Only before data: nothing is held or delivered at the old offsets.
    if (stats_.delivered_bytes == 0 && pending_.empty() && spilled_.empty() && !fin_seen_)
        start_at(first_position(isn) + 1, true);
}

void StreamReassembler::start_at(uint64_t origin, bool syn) {
    started_ = true;
    syn_ = syn;
    fixed_ = syn || cfg_.midstream_hold_bytes == 0;
    origin_ = next_ = last_end_ = highest_ = origin;
}

int64_t StreamReassembler::distance(uint32_t seq) const {
    return started_ ? sequence_delta(last_end_, seq) : 0;
}

void StreamReassembler::add(uint32_t seq, const uint8_t* data, size_t len, ReassemblyOutput& out) {
    if (len == 0 || data == nullptr) return;
    if (!started_) start_midstream(seq);
    add_at(unwrap_sequence(last_end_, seq), data, len, out);
}

void StreamReassembler::add_syn_payload(uint32_t syn_seq, const uint8_t* data, size_t len,
                                        ReassemblyOutput& out) {
    if (len == 0 || data == nullptr) return;
    if (!started_) start_with_syn(syn_seq);
    ++stats_.violations;
    add_at(unwrap_sequence(last_end_, syn_seq) + 1, data, len, out);
}

void StreamReassembler::add_at(uint64_t pos, const uint8_t* data, size_t len, ReassemblyOutput& out) {
    if (is_keepalive(pos, len)) return;
    const uint64_t end = pos + len;

    if (pos < origin_) {
        if (!fixed_) {
            move_start_back(pos);
        } else {
            const uint64_t before = std::min(end, origin_) - pos;
            stats_.before_start_bytes += before;
            if (syn_) ++stats_.violations;
            if (end <= origin_) return;
            data += before;
            len -= static_cast<size_t>(before);
            pos = origin_;
        }
    }
    last_end_ = end;
    highest_ = std::max(highest_, end);

    if (pos < next_) {
        const uint64_t seen = std::min(end, next_) - pos;
        stats_.duplicate_bytes += seen;
        if (end <= next_) return;
        data += seen;
        len -= static_cast<size_t>(seen);
        pos = next_;
    }

    if (spilled_.empty()) {
        add_unspilled(pos, data, len, out);
    } else {
        // Collected first: delivering a piece may drain (and erase) intervals.
        std::vector<std::pair<uint64_t, uint64_t>> pieces;
        stats_.duplicate_bytes += spilled_.for_each_uncovered(
            pos, len, [&](uint64_t p, uint64_t n) { pieces.emplace_back(p, n); });
        for (const auto& [p, n] : pieces)
            add_unspilled(p, data + (p - pos), static_cast<size_t>(n), out);
    }
    enforce_limits(out);
}

void StreamReassembler::add_unspilled(uint64_t pos, const uint8_t* data, size_t len,
                                      ReassemblyOutput& out) {
    if (fixed_ && pos == next_) {
        deliver_in_order(pos, data, len, out);
    } else {
        if (pos > stored_end(next_)) ++stats_.out_of_order_count;
        hold(pos, data, len);
    }
}

uint64_t StreamReassembler::stored_end(uint64_t from) const {
    // Held and spilled runs may alternate: follow both until neither reaches further.
    for (;;) {
        const uint64_t to = spilled_.contiguous_end(pending_.contiguous_end(from));
        if (to == from) return to;
        from = to;
    }
}

uint64_t StreamReassembler::first_stored() const {
    uint64_t first = UINT64_MAX;
    if (!pending_.empty()) first = pending_.first_position();
    if (!spilled_.empty()) first = std::min(first, spilled_.first_position());
    return first;
}

bool StreamReassembler::is_keepalive(uint64_t pos, size_t len) const {
    // A keep-alive repeats the byte just before snd.nxt, often as garbage: it
    // must neither count as a duplicate nor overwrite a held byte nor, in a
    // midstream flow, move byte 0 back.
    return len == 1 && (pos + 1 == next_ || pos + 1 == last_end_);
}

void StreamReassembler::move_start_back(uint64_t pos) {
    origin_ = next_ = pos;
    ++stats_.out_of_order_count;  // tcpflow counts a front insert as out of order
}

void StreamReassembler::deliver_in_order(uint64_t pos, const uint8_t* data, size_t len,
                                         ReassemblyOutput& out) {
    // Only the part before the first held block is delivered from the caller's
    // buffer; the rest meets held bytes and must go through the overlap policy.
    const size_t direct = static_cast<size_t>(std::min<uint64_t>(len, first_stored() - pos));
    emit(pos, data, direct, out);
    if (direct < len) hold(pos + direct, data + direct, len - direct);
    drain(out);
}

void StreamReassembler::hold(uint64_t pos, const uint8_t* data, size_t len) {
    const PendingBlocks::InsertResult r = pending_.insert(pos, data, len, cfg_.policy);
    stats_.duplicate_bytes += r.overlapped_bytes;
    if (r.conflict) ++stats_.overlap_conflicts;
}

void StreamReassembler::emit(uint64_t pos, const uint8_t* data, size_t len, ReassemblyOutput& out) {
    if (len == 0) return;
    out.deliver(pos - origin_, data, len);
    stats_.delivered_bytes += len;
    next_ = pos + len;
}

void StreamReassembler::drain(ReassemblyOutput& out) {
    for (;;) {
        next_ = pending_.drain_from(
            next_, [&](uint64_t pos, const uint8_t* data, size_t len) { emit(pos, data, len, out); });
        if (spilled_.empty() || spilled_.first_position() > next_) return;
        const uint64_t end = spilled_.first_end();
        spilled_.pop_first();
        if (end > next_) {
            out.deliver_spilled(next_ - origin_, end - next_);
            stats_.delivered_bytes += end - next_;
            next_ = end;
        }
    }
}

bool StreamReassembler::spill(ReassemblyOutput& out) {
    if (!started_ || pending_.empty()) return true;
    if (!fixed_) {
        fix_start(out);  // offsets must be final before bytes land at them
        if (pending_.empty()) return true;
    }
    stats_.spilled_bytes += pending_.give_away([&](uint64_t pos, const uint8_t* data, size_t len) {
        if (!out.spill(pos - origin_, data, len)) return false;
        spilled_.add(pos, pos + len);
        return true;
    });
    return pending_.empty();
}

void StreamReassembler::fix_start(ReassemblyOutput& out) {
    fixed_ = true;
    drain(out);
}

void StreamReassembler::enforce_limits(ReassemblyOutput& out) {
    if (!fixed_ && pending_.held_bytes() >= cfg_.midstream_hold_bytes) fix_start(out);
    if (memory_used() > cfg_.max_pending_bytes && out.spill_relieves()) spill(out);
    while ((!pending_.empty() || !spilled_.empty()) && memory_used() + out.spilled_charge() > cfg_.max_pending_bytes) {
        if (!fixed_) {
            fix_start(out);
            continue;
        }
        give_up_first_hole(out, true);
    }
}

void StreamReassembler::give_up_first_hole(ReassemblyOutput& out, bool forced) {
    const uint64_t first = first_stored();
    if (first > next_) {
        const uint64_t offset = next_ - origin_, len = first - next_;
        out.gap(offset, len);
        if (stats_.gaps.size() < kMaxGapRecords) stats_.gaps.push_back(GapRecord{offset, len});
        stats_.gap_bytes += len;
        if (forced) ++stats_.forced_gaps;
        next_ = first;
    }
    drain(out);
}

void StreamReassembler::fin(uint32_t seq) {
    if (!started_ || fin_seen_) return;
    fin_seen_ = true;
    fin_ = unwrap_sequence(last_end_, seq);
}

bool StreamReassembler::complete() const {
    if (!fin_seen_) return false;
    // In the midstream hold the bytes at the delivery point are held, not
    // delivered; once byte 0 is fixed nothing is ever held there.
    const uint64_t reached = stored_end(next_);
    return reached >= fin_ && pending_.held_bytes() + spilled_.bytes() == reached - next_;
}

void StreamReassembler::flush(ReassemblyOutput& out) {
    if (!started_) return;
    if (!fixed_) fix_start(out);
    while (!pending_.empty() || !spilled_.empty()) give_up_first_hole(out, false);
}

uint64_t StreamReassembler::next_offset() const { return next_ - origin_; }

uint64_t StreamReassembler::highest_offset() const { return highest_ - origin_; }

}  // namespace tcpflow
