// What the core knows about one flow direction, shared read-only with every sink
// (file writer, console, scanner host, report). Owned by the flow table.
#pragma once
#include <cstdint>
#include <string>
#include "flow/flow_key.h"
#include "util/lazy_string.h"
#include "util/timestamp.h"
#include "reassembly/stream_reassembler.h"

namespace tcpflow {

enum class CloseReason {
    Fin,         // FIN seen and every byte before it delivered
    Rst,         // RST seen
    Timeout,     // idle longer than tcp_timeout (packet time)
    Jump,        // sequence jump larger than -m: the rest goes to a new file
    NewSyn,      // a new connection (SYN with another ISN) reused the 4-tuple
    EndOfInput,  // the capture ended (or a signal stopped it)
    Evicted,     // the live-flow cap was hit and this flow was the least recently used
};
const char* close_reason_name(CloseReason r);

struct FlowInfo {
    // Members are ordered so that none leaves padding: with hundreds of thousands of open
    // flows, every 8 bytes here is megabytes (see LazyString).
    FlowKey key;
    uint64_t flow_id = 0;           // 0-based creation counter over all directions (%N %K %M %G)
    uint64_t session_id = 0;        // shared by both directions of a connection (%S)
    // The connection id (flow/connection_id.h), shared by both directions, and what it was
    // computed from that the second direction and ClosedFlows need.
    uint64_t connection_id = 0;
    Timestamp connection_start;     // the first packet time of the connection's first direction
    Timestamp first_ts, last_ts;    // packet time of first and last packet (after tdelta)
    uint32_t connection_nth = 0;    // earlier connections of this 4-tuple that started at connection_start
    uint32_t connection_count = 0;  // the c<N> the exclusive create settled on (file writer)
    bool has_mac = false;
    uint8_t mac_src[6] = {}, mac_dst[6] = {};
    bool saw_syn = false;           // began with a SYN
    bool client_to_server = false;  // began with a bare SYN (no ACK): the client side
    bool file_truncated = false;    // a write failed (disk full...): the file holds less than delivered
    uint64_t packets = 0;           // TCP packets attributed to this direction
    uint64_t wire_bytes = 0;        // sum of pcap len
    uint64_t cap_bytes = 0;         // sum of pcap caplen
    uint64_t keepalives = 0;
    const ReassemblyStats* reassembly = nullptr;  // live statistics of the direction

    // Filled in by the file writer (and connection_count, file_truncated above).
    std::string path;               // path of the flow file ("" when nothing stored / -FX)
    uint64_t stored_bytes = 0;      // bytes actually written to the file (after -b)
    uint64_t logical_size = 0;      // highest stream offset delivered (tcpflow's <filesize>)

    // Filled in by whoever closes the flow, read by the report.
    CloseReason close_reason = CloseReason::EndOfInput;
    /// XML fragments (already escaped) that scanners add inside this flow's <fileobject>.
    LazyString xml_annotations;
    /// Attributes (name='value' pairs, escaped) that scanners add to the <tcpflow> element.
    LazyString xml_attributes;

    // Per-flow state of the sinks, each slot owned by the sink it names.
    void* file_state = nullptr;
    void* console_state = nullptr;
    void* host_state = nullptr;
    void* pcap_state = nullptr;
};

}  // namespace tcpflow
