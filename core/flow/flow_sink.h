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
    /// Every flow has been closed; nothing else will arrive.
    virtual void on_end_of_run() {}
};

}  // namespace tcpflow
