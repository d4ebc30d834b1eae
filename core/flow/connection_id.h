// The connection id: one short name for both directions of a TCP connection, shared by
// report.xml (<tcpflow connection_id=...>) and the JSON flow log. It is computed from what
// identifies the connection, never from a run-wide counter, so -j N and --shard K/N give
// every connection the same id as a single-threaded run: the initiating direction's key
// (addresses, ports, VLAN), the connection's first packet time, and how many earlier
// connections of the same 4-tuple started at that same instant (normally 0; see
// ClosedFlows::connection_nth). 64 bits of a mixed hash, written "C" + 13 base32 digits.
#pragma once
#include <cstdint>
#include <string>
#include "flow/flow_key.h"
#include "util/timestamp.h"

namespace tcpflow {

/// `initiator`: the direction seen first; `start`: its first packet time (after tdelta).
uint64_t connection_id(const FlowKey& initiator, const Timestamp& start, uint32_t nth);

/// "C" followed by 13 lower-case RFC 4648 base32 digits (a-z, 2-7), most significant first.
std::string connection_id_text(uint64_t id);

}  // namespace tcpflow
