// The flow table: one entry per live flow direction, keyed by addresses, ports
// and VLAN. It turns TCP segments into reassembler calls and flow events for the
// sinks, and enforces the live-flow and buffered-bytes caps and the idle timeout.
#pragma once
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include "decode/packet.h"
#include "flow/flow_key.h"
#include "flow/flow_sink.h"
#include "flow/closed_flows.h"
#include "flow/isn_candidates.h"
#include "flow/scratch_spill.h"
#include "reassembly/stream_reassembler.h"

namespace tcpflow {

struct FlowConfig {
    uint64_t max_seek = 16ull << 20;     // -m: a jump larger than this starts a new file
    uint32_t tcp_timeout = 0;            // -S tcp_timeout: idle seconds (packet time), 0 = never
    uint64_t max_flows = 1000000;        // live directions; past it the least recently active is closed
    /// Out-of-order memory all flows together may hold before the oldest holders'
    /// bytes are spilled to their flow files (when a sink can keep them).
    uint64_t max_pending_memory = 4ull << 20;
    /// Held bytes past which holes are given up: in memory when they cannot be spilled,
    /// and in the scratch file (which only waits for them), counted together.
    uint64_t max_pending_total = 512ull << 20;
    /// Where they are spilled when no sink can keep them (scratch_spill.h): a folder
    /// open for the whole run (not owned), -1 for nowhere; its name for messages.
    int spill_dirfd = -1;
    std::string spill_dir_name;
    bool start_new_flows = true;         // false while reading -R files
    bool purge = true;                   // -P clears it: FIN/RST do not close a flow; it stays until the end
    size_t closed_memory = 4096;         // closed flows remembered to absorb late retransmissions
    // flow_id and session_id: first_id, first_id + id_step, ... (-j N: worker k of N numbers
    // k, k+N, ... so ids stay unique over the run; -j 1: 0, 1, 2, ... as tcpflow).
    uint64_t first_id = 0;
    uint64_t id_step = 1;
    ReassemblyConfig reassembly;
};

struct FlowTableStats {
    uint64_t segments = 0;               // TCP segments offered
    uint64_t attributed = 0;             // segments counted into a flow (tcpflow's total_packets)
    uint64_t ignored_no_flow = 0;        // no data, no SYN, unknown flow (bare ACK/FIN/RST)
    uint64_t ignored_new_under_R = 0;    // new flows ignored while reading -R files
    uint64_t late_retransmissions = 0;   // segments of an already closed flow, dropped
    uint64_t flows_created = 0;          // directions (tcpflow's total_flows)
    uint64_t max_open_flows = 0;
    uint64_t evicted_flow_cap = 0;       // closed because max_flows was hit
    uint64_t pending_cap_flushes = 0;    // flows whose holes were given up because max_pending_total was hit
    uint64_t pending_spills = 0;         // flows whose held bytes were spilled because max_pending_memory was hit
    uint64_t timeouts = 0, jumps = 0, new_syn_splits = 0;
    /// SYNs (or SYN-ACKs) that announced another ISN for a direction of the same
    /// connection: byte 0 follows the ISN the peer acknowledges (isn_candidates.h).
    uint64_t syn_isn_changes = 0;
};

class FlowTable {
public:
    FlowTable(const FlowConfig& cfg, std::vector<FlowSink*> sinks);
    ~FlowTable();
    FlowTable(const FlowTable&) = delete;
    FlowTable& operator=(const FlowTable&) = delete;

    void set_start_new_flows(bool on) { cfg_.start_new_flows = on; }
    /// One decoded TCP segment (timestamps already shifted by tdelta). Returns
    /// false when no flow took it (a bare ACK or FIN of a closed flow, ...).
    bool process(const TcpSegment& seg);
    /// Close every live flow (end of input, signal, fatal error).
    void close_all(CloseReason why = CloseReason::EndOfInput);

    const FlowTableStats& stats() const { return stats_; }
    size_t live_flows() const { return flows_.size(); }
    uint64_t pending_total() const { return pending_total_; }
    /// What the scratch file holds for the live flows (ScratchSpill::charge), which
    /// max_pending_total caps together with pending_total (memory) as held bytes.
    uint64_t scratch_total() const { return scratch_total_; }
    /// The scratch spill file's counters; null when no folder was given for one.
    const ScratchSpill* scratch() const { return scratch_.get(); }

private:
    struct Flow;
    class Delivery;

    bool process_segment(const TcpSegment& seg);
    Flow* find(const FlowKey& key);
    Flow* create(const FlowKey& key, const TcpSegment& seg);
    bool is_late_retransmission(const FlowKey& key, const TcpSegment& seg);
    void add_data(Flow& f, const TcpSegment& seg);
    void close(Flow* f, CloseReason why);
    void remember_closed(const Flow& f);
    void touch(Flow& f, const Timestamp& ts);
    void expire_idle(const Timestamp& now);
    void enforce_flow_cap();
    void enforce_pending_cap(Flow& current);
    void account_pending(Flow& f);
    void spill_oldest();
    // Which ISN is byte 0 when a SYN comes again with another ISN (isn_candidates.h).
    bool syn_of_same_connection(Flow& f, const FlowKey& key, const TcpSegment& seg);
    void follow_acknowledged_isn(const FlowKey& key, uint32_t ack);
    void settle_isn_by_data(Flow& f, uint32_t seq);
    void stop_tracking_isn(Flow& f);

    FlowConfig cfg_;
    std::vector<FlowSink*> sinks_;
    std::unique_ptr<ScratchSpill> scratch_;  // before flows_, so it outlives them
    std::unordered_map<FlowKey, std::unique_ptr<Flow>, FlowKeyHash> flows_;
    Flow* lru_head_ = nullptr;  // least recently active
    Flow* lru_tail_ = nullptr;
    ClosedFlows closed_;
    uint64_t next_flow_id_ = 0;
    uint64_t next_session_id_ = 0;
    uint64_t pending_total_ = 0;
    uint64_t scratch_total_ = 0;
    uint64_t held_total() const { return pending_total_ + scratch_total_; }
    bool sink_can_spill_ = false;      // some sink can keep out-of-order bytes
    bool can_spill_ = false;           // ... or the scratch file can
    std::vector<FlowSink*> grouping_;  // sinks that want on_deliveries_done
    size_t unsettled_isns_ = 0;        // flows with several ISNs and no data yet
    std::list<Flow*> holders_;         // flows holding out-of-order bytes in memory, oldest first
    FlowTableStats stats_;
};

}  // namespace tcpflow
