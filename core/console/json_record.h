// -J: one JSON object per printed chunk, on one line:
//
//   {"src_host":"192.168.1.2","src_port":2345,"dst_host":"10.0.0.1","dst_port":80,
//    ["vlan":7,]"offset":0,"timestamp":"2013-03-19T16:05:11.062053Z",
//    "flow":"192.168.001.002.02345-010.000.000.001.00080","payload":"R0VUIC8="}
//
// Hosts are the plain address (IPv6 in inet_ntop form), taken from the flow key,
// not parsed back out of the file name as 1.6.1 did. "vlan" is present only for
// tagged flows. "offset" is the stream offset of the first payload byte, so a
// gap shows as a jump. "timestamp" is the packet time (UTC, microseconds) of the
// packet that completed the chunk. "flow" is the console header name. "payload"
// is standard base64.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include "flow/flow_info.h"

namespace tcpflow {

/// The parts of a flow's objects that never change, built once per flow.
struct JsonFlowFields {
    std::string addresses;  // {"src_host":..,"src_port":..,"dst_host":..,"dst_port":..[,"vlan":..]
    std::string flow;       // ,"flow":"<escaped name>"
};
JsonFlowFields make_json_flow_fields(const FlowInfo& flow, const std::string& flow_name);

/// Append one chunk's object and its '\n'.
void append_json_chunk(std::string& out, const JsonFlowFields& fields, uint64_t offset, const Timestamp& ts,
                       const uint8_t* data, size_t len);

/// Append s as a JSON string literal (quotes included; control bytes as \u00XX).
void append_json_string(std::string& out, const std::string& s);

}  // namespace tcpflow
