// One direction of a TCP connection: wire sequence numbers become 64-bit stream
// offsets once, here; out-of-order data waits in an ordered map; bytes leave in
// order through ReassemblyOutput, with explicit gap markers for holes that will
// never be filled. The model is described at the top of stream_reassembler.cpp.
#pragma once
#include <cstdint>
#include <cstddef>
#include <vector>

#include "reassembly/overlap_policy.h"
#include "reassembly/pending_blocks.h"
#include "reassembly/spilled_ranges.h"

namespace tcpflow {

struct ReassemblyConfig {
    OverlapPolicy policy = OverlapPolicy::FirstWins;
    /// Out-of-order memory one direction may hold: held bytes plus
    /// PendingBlocks::kBlockOverhead per block (and SpilledRanges::kRangeOverhead
    /// per spilled interval). Past it the held bytes are spilled (see
    /// ReassemblyOutput::spill); what cannot be spilled is bounded by giving up
    /// the oldest hole (a gap event, zero-filled in the flow file).
    uint64_t max_pending_bytes = 8ull << 20;
    /// A flow picked up without SYN holds its first bytes this long (in bytes) before
    /// delivering, so earlier data that arrives late is still placed before it
    /// (tcpflow places it there by shifting its file). 0: deliver at once.
    uint64_t midstream_hold_bytes = 64ull << 10;
};

/// Where in-order bytes go. Offsets are 0 for the first byte of the stream.
class ReassemblyOutput {
public:
    virtual ~ReassemblyOutput() = default;
    virtual void deliver(uint64_t offset, const uint8_t* data, size_t len) = 0;
    /// [offset, offset+len) will never be filled.
    virtual void gap(uint64_t offset, uint64_t len) = 0;
    /// Out-of-order bytes, ahead of the delivery point, that memory should not
    /// hold: keep them outside memory (the flow file, at their offset) and
    /// return true, or return false to leave them held.
    virtual bool spill(uint64_t /*offset*/, const uint8_t* /*data*/, size_t /*len*/) { return false; }
    /// Bytes that spill() kept are now in order: deliver [offset, offset+len).
    virtual void deliver_spilled(uint64_t /*offset*/, uint64_t /*len*/) {}
    /// What the bytes spill() kept still count against max_pending_bytes: 0 when
    /// where they went is output in its own right (the flow file); their cost when
    /// it is only a place to wait (the scratch file), so that a hole is given up
    /// where it would be if memory held them, and the console and scanners do not
    /// wait for the end of the flow.
    virtual uint64_t spilled_charge() const { return 0; }
    /// Whether spill() would take bytes off that charge (false where they would only
    /// move to a place that charges them): past max_pending_bytes the reassembler
    /// then gives up a hole at once rather than write bytes it reads straight back.
    virtual bool spill_relieves() const { return true; }
};

struct GapRecord { uint64_t offset, length; };

struct ReassemblyStats {
    uint64_t delivered_bytes = 0;      // bytes passed to deliver()
    uint64_t out_of_order_count = 0;   // segments that arrived ahead of the delivery point
                                       // (plus, midstream, segments that moved byte 0 back)
    uint64_t duplicate_bytes = 0;      // retransmitted bytes dropped (already held or delivered,
                                       // or landing in a hole already given up as a gap)
    uint64_t overlap_conflicts = 0;    // overlapping segments whose bytes differed from held ones
    uint64_t gap_bytes = 0;
    uint64_t forced_gaps = 0;          // holes given up because max_pending_bytes was hit
    uint64_t spilled_bytes = 0;        // out-of-order bytes moved out of memory by spill()
    uint64_t violations = 0;           // SYN with data, data before the ISN of a SYN flow
    uint64_t before_start_bytes = 0;   // bytes dropped because they lie before byte 0
                                       // once byte 0 is fixed (SYN flow, or midstream after the hold)
    std::vector<GapRecord> gaps;       // first kMaxGapRecords holes, for the report
};

class StreamReassembler {
public:
    static constexpr size_t kMaxGapRecords = 64;

    explicit StreamReassembler(const ReassemblyConfig& cfg = ReassemblyConfig());

    /// Flow began with a SYN carrying sequence number `isn`; byte 0 is isn+1.
    /// Ignored if already started (a retransmitted SYN).
    void start_with_syn(uint32_t isn);
    /// Flow picked up mid-stream; `seq` is the first sequence number seen (byte 0 for now).
    /// Ignored if already started.
    void start_midstream(uint32_t seq);
    /// A SYN started this direction at another ISN and no data has come yet:
    /// byte 0 moves to `isn` + 1 (see flow/isn_candidates.h).
    void restart_with_syn(uint32_t isn);
    bool started() const { return started_; }

    /// Signed distance in bytes of `seq` from the end of the last segment accepted
    /// (tcpflow's delta, 32-bit signed arithmetic; the flow layer compares it with -m).
    /// 0 before start.
    int64_t distance(uint32_t seq) const;

    /// Offer a data segment whose first byte has sequence number `seq`. Delivers
    /// what became contiguous. Starts the flow midstream if nothing started it.
    /// A 1-byte segment at the byte before the delivery point or before the end of
    /// the last segment accepted (a keep-alive) is ignored and counts nothing.
    void add(uint32_t seq, const uint8_t* data, size_t len, ReassemblyOutput& out);
    /// The payload of a SYN whose own sequence number is `syn_seq`: TCP places it
    /// at syn_seq+1. Stored like add(syn_seq + 1, ...) and counted as a violation,
    /// as tcpflow does. Starts the flow with this SYN if nothing started it.
    void add_syn_payload(uint32_t syn_seq, const uint8_t* data, size_t len, ReassemblyOutput& out);
    /// A FIN at `seq` (the sequence number of the FIN itself: data ends there).
    /// The first FIN counts; retransmissions are ignored.
    void fin(uint32_t seq);
    /// FIN seen and every byte before it delivered, nothing held. For a midstream
    /// flow still in its hold, it is enough that the bytes up to the FIN are held
    /// contiguously (and nothing else): flush() then delivers them without a gap.
    bool complete() const;
    /// Give up every hole and deliver all held bytes (end of flow or eviction).
    /// Fixes byte 0 of a midstream flow. Holes after the last held byte (e.g. up to
    /// a FIN) are not reported: nothing follows them.
    void flush(ReassemblyOutput& out);
    /// Move every held out-of-order byte out of memory through out.spill(), as
    /// far as the output takes them (a midstream flow fixes byte 0 first).
    /// Returns false if some bytes stay held because the output refused them.
    bool spill(ReassemblyOutput& out);

    uint64_t pending_bytes() const { return pending_.held_bytes(); }  // bytes held out of order
    /// What the held bytes cost (bytes + per-block overhead); max_pending_bytes caps this.
    uint64_t memory_used() const { return pending_.memory_used() + spilled_.memory_used(); }
    uint64_t spilled_bytes() const { return spilled_.bytes(); }  // spilled, not delivered yet
    size_t pending_blocks() const { return pending_.block_count(); }
    uint64_t next_offset() const;       // the next offset to be delivered
    uint64_t highest_offset() const;    // one past the highest byte seen
    /// Wire sequence number of byte 0 (it moves back while a midstream flow holds).
    uint32_t first_seq() const { return static_cast<uint32_t>(origin_); }
    const ReassemblyStats& stats() const { return stats_; }

private:
    void start_at(uint64_t origin, bool syn);
    void add_at(uint64_t pos, const uint8_t* data, size_t len, ReassemblyOutput& out);
    bool is_keepalive(uint64_t pos, size_t len) const;
    void move_start_back(uint64_t pos);
    void deliver_in_order(uint64_t pos, const uint8_t* data, size_t len, ReassemblyOutput& out);
    void hold(uint64_t pos, const uint8_t* data, size_t len);
    void emit(uint64_t pos, const uint8_t* data, size_t len, ReassemblyOutput& out);
    void drain(ReassemblyOutput& out);
    void fix_start(ReassemblyOutput& out);
    void enforce_limits(ReassemblyOutput& out);
    void give_up_first_hole(ReassemblyOutput& out, bool forced);
    void add_unspilled(uint64_t pos, const uint8_t* data, size_t len, ReassemblyOutput& out);
    uint64_t stored_end(uint64_t from) const;
    uint64_t first_stored() const;

    // Positions (see sequence_space.h) rather than offsets: byte 0 may move back
    // while a midstream flow holds, and positions of held data must not change.
    ReassemblyConfig cfg_;
    ReassemblyStats stats_;
    PendingBlocks pending_;
    SpilledRanges spilled_;   // held bytes moved out of memory, disjoint from pending_
    bool started_ = false;
    bool syn_ = false;        // started by a SYN: data before byte 0 is a violation
    bool fixed_ = false;      // byte 0 can no longer move; delivery has begun
    bool fin_seen_ = false;
    uint64_t origin_ = 0;     // position of byte 0
    uint64_t next_ = 0;       // position of the next byte to deliver
    uint64_t last_end_ = 0;   // end of the last segment accepted: distance() and unwrapping
    uint64_t highest_ = 0;    // one past the highest byte seen
    uint64_t fin_ = 0;        // position of the FIN
};

}  // namespace tcpflow
