// IPv4 and IPv6 fragment reassembly with bounded memory and packet-time timeouts.
#pragma once
#include <cstdint>
#include <cstddef>
#include "util/timestamp.h"

namespace tcpflow {

struct DefragConfig {
    uint64_t max_bytes = 64ull << 20;  // all fragments held at once; oldest datagram dropped past it
    uint32_t max_datagrams = 16384;    // incomplete datagrams held at once
    uint32_t timeout_sec = 30;         // packet time after which an incomplete datagram is dropped
};

struct DefragStats {
    uint64_t fragments = 0, reassembled = 0, timed_out = 0, evicted = 0, overlaps = 0, invalid = 0;
};

}  // namespace tcpflow
