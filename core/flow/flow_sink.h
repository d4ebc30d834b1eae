// A consumer of reassembled flows. The flow table calls every sink, in the order
// they were registered, for each event: file writer first (it settles the path),
// then console, scanner host, and the report last (it sees what the others added).
#pragma once
#include <cstddef>
#include <cstdint>
#include "decode/packet.h"
#include "flow/flow_info.h"

namespace tcpflow {

class FlowSink {
public:
    virtual ~FlowSink() = default;
    virtual void on_open(FlowInfo&) {}
    /// Every segment attributed to the flow, before its data is reassembled.
    virtual void on_segment(FlowInfo&, const TcpSegment&) {}
    /// In-order bytes: offset is the stream offset of data[0]; offsets only grow.
    virtual void on_data(FlowInfo&, uint64_t offset, const uint8_t* data, size_t len) = 0;
    /// [offset, offset+len) will never arrive. The file writer zero-fills it.
    virtual void on_gap(FlowInfo&, uint64_t /*offset*/, uint64_t /*len*/) {}
    virtual void on_close(FlowInfo&) {}
    /// The flow table is going away with this flow still open (a failure ended the run
    /// before every flow was closed): let go of the flow's state. No on_close follows, and
    /// FlowInfo dies right after, so nothing may keep pointing into it.
    virtual void on_discard(FlowInfo&) {}

    // Spilling: out-of-order bytes that memory should not hold are given to the
    // one sink that can keep them at their offset (the flow file) and read them
    // back when they come in order; the other sinks then get them by on_data.
    /// Whether on_spill can ever take bytes (spilling is not tried otherwise).
    virtual bool can_spill() const { return false; }
    /// Keep [offset, offset+len) of a flow, not yet delivered; true if kept.
    virtual bool on_spill(FlowInfo&, uint64_t /*offset*/, const uint8_t*, size_t) { return false; }
    /// Read back `len` bytes at `offset` that on_spill kept into `out`.
    virtual void read_back(FlowInfo&, uint64_t /*offset*/, uint8_t* /*out*/, size_t /*len*/) {}
    /// Whether on_data uses the bytes (spilled bytes are read back only for such sinks).
    virtual bool wants_data() const { return true; }
    /// Whether the sink wants on_deliveries_done (the console: it prints one chunk
    /// per segment, not per on_data call).
    virtual bool groups_deliveries() const { return false; }
    /// The segment (or the end of input) being processed has made all its on_data
    /// calls. How many calls a segment makes depends on how the reassembler held
    /// its bytes (blocks in memory, or spilled and read back in pieces, which
    /// depends on -j's share of the memory budget); what it makes deliverable does not.
    virtual void on_deliveries_done() {}
    /// Every flow has been closed; nothing else will arrive.
    virtual void on_end_of_run() {}
};

}  // namespace tcpflow
