// Run-wide packet counts by fate, for the report's totals.
#pragma once
#include <cstdint>

namespace tcpflow {

struct PacketCounters {
    uint64_t read = 0;           // packets read from every input
    uint64_t filtered_out = 0;   // rejected by the BPF filter
    uint64_t tcp = 0;            // decoded to a TCP segment
    uint64_t not_ip = 0;         // no IP inside (ARP, LLDP, ...)
    uint64_t not_tcp = 0;        // IP but not TCP
    uint64_t fragments_held = 0; // IP fragments waiting for the rest of their datagram
    uint64_t truncated = 0;      // a header ran past the captured bytes
    uint64_t malformed = 0;      // impossible header values
    uint64_t unsupported_link = 0;  // a pcapng interface with a link type we do not decode
};

}  // namespace tcpflow
