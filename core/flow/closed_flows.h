// A bounded memory of recently closed flow directions, so a retransmission that
// arrives after its flow closed is recognised and dropped instead of opening a
// new file (tcpflow keeps the last 100; we keep more, still bounded).
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>
#include "flow/flow_key.h"
#include "util/timestamp.h"

namespace tcpflow {

class ClosedFlows {
public:
    explicit ClosedFlows(size_t capacity) : capacity_(capacity) {}

    /// A hole the closed direction gave up, in bytes from its first_seq.
    struct Hole { uint32_t offset, length; };

    /// Remember that the direction `key` covered sequence numbers [first_seq, end_seq)
    /// except `holes` (data that never arrived: a segment landing there is new data,
    /// not a retransmission, and must not be dropped).
    void remember(const FlowKey& key, uint32_t first_seq, uint32_t end_seq,
                  std::vector<Hole> holes = {});
    /// Also remember the connection's start and its nth (flow/connection_id.h) with `key`.
    void remember_connection(const FlowKey& key, const Timestamp& start, uint32_t nth);
    /// For a new connection of `key` starting at `start`: 1 + the nth of a remembered
    /// connection of the same 4-tuple (either direction) that started at the same time, else 0.
    /// Within the memory's bound only: ids stay unique unless >capacity flows close between
    /// two connections of one 4-tuple with equal start times (captures with frozen clocks).
    uint32_t connection_nth(const FlowKey& key, const Timestamp& start) const;
    /// True if [seq, seq+len) lies within what the closed direction already covered
    /// and touches none of its holes.
    bool covers(const FlowKey& key, uint32_t seq, uint32_t len) const;
    void forget(const FlowKey& key);

private:
    struct Range {
        uint32_t first, end;
        uint64_t generation;
        std::vector<Hole> holes;
        Timestamp conn_start{};
        uint32_t conn_nth = 0;
    };
    size_t capacity_;
    uint64_t generation_ = 0;
    std::unordered_map<FlowKey, Range, struct FlowKeyHash> ranges_;
    std::deque<std::pair<FlowKey, uint64_t>> order_;  // oldest first, for eviction
};

}  // namespace tcpflow
