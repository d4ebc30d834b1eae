// One direction of a TCP connection: wire sequence numbers become 64-bit stream
// offsets once, here; out-of-order data waits in an ordered map; bytes leave in
// order through ReassemblyOutput, with explicit gap markers for holes that will
// never be filled.
#pragma once
#include <cstdint>
#include <cstddef>
#include <map>
#include <vector>

namespace tcpflow {

enum class OverlapPolicy { FirstWins, LastWins };

struct ReassemblyConfig {
    OverlapPolicy policy = OverlapPolicy::FirstWins;
    /// Out-of-order bytes one direction may hold. Past it the oldest hole is given
    /// up (a gap event, zero-filled in the flow file) and data behind it delivered.
    uint64_t max_pending_bytes = 8ull << 20;
    /// A flow picked up without SYN holds its first bytes this long (in bytes) before
    /// delivering, so earlier data that arrives late is still placed before it
    /// (tcpflow places it there by shifting its file).
    uint64_t midstream_hold_bytes = 64ull << 10;
};

/// Where in-order bytes go. Offsets are 0 for the first byte of the stream.
class ReassemblyOutput {
public:
    virtual ~ReassemblyOutput() = default;
    virtual void deliver(uint64_t offset, const uint8_t* data, size_t len) = 0;
    /// [offset, offset+len) will never be filled.
    virtual void gap(uint64_t offset, uint64_t len) = 0;
};

struct GapRecord { uint64_t offset, length; };

struct ReassemblyStats {
    uint64_t delivered_bytes = 0;      // bytes passed to deliver()
    uint64_t out_of_order_count = 0;   // segments that arrived ahead of the delivery point
    uint64_t duplicate_bytes = 0;      // retransmitted bytes dropped (already held or delivered)
    uint64_t overlap_conflicts = 0;    // overlapping segments whose bytes differed
    uint64_t gap_bytes = 0;
    uint64_t forced_gaps = 0;          // holes given up because max_pending_bytes was hit
    uint64_t violations = 0;           // SYN with data, data before the ISN of a SYN flow
    std::vector<GapRecord> gaps;       // first kMaxGapRecords holes, for the report
};

class StreamReassembler {
public:
    static constexpr size_t kMaxGapRecords = 64;

    explicit StreamReassembler(const ReassemblyConfig& cfg = ReassemblyConfig());

    /// Flow began with a SYN carrying sequence number `isn`; byte 0 is isn+1.
    void start_with_syn(uint32_t isn);
    /// Flow picked up mid-stream; `seq` is the first sequence number seen (byte 0 for now).
    void start_midstream(uint32_t seq);
    bool started() const;

    /// Signed distance in bytes of `seq` from the end of the last segment accepted
    /// (tcpflow's delta; the flow layer compares it with -m).
    int64_t distance(uint32_t seq) const;

    /// Offer a data segment. Delivers what became contiguous.
    void add(uint32_t seq, const uint8_t* data, size_t len, ReassemblyOutput& out);
    /// A FIN at `seq` (the sequence number of the FIN itself: data ends there).
    void fin(uint32_t seq);
    /// FIN seen and every byte before it delivered.
    bool complete() const;
    /// Give up every hole and deliver all held bytes (end of flow or eviction).
    void flush(ReassemblyOutput& out);

    uint64_t pending_bytes() const;     // bytes held out of order
    uint64_t next_offset() const;       // the next offset to be delivered
    uint64_t highest_offset() const;    // one past the highest byte seen
    const ReassemblyStats& stats() const { return stats_; }

private:
    // implementation details are the reassembly component's own
    ReassemblyConfig cfg_;
    ReassemblyStats stats_;
    struct State;
    std::vector<uint8_t> dummy_;  // placeholder; the implementation may replace private members
};

}  // namespace tcpflow
