// Identity of one direction of a TCP connection: addresses, ports and VLAN.
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include "decode/packet.h"

namespace tcpflow {

struct FlowKey {
    uint8_t family = 0;  // 4 or 6
    bool has_vlan = false;
    uint16_t vlan = 0;   // 12-bit VID
    uint16_t sport = 0, dport = 0;
    uint8_t src[16] = {}, dst[16] = {};

    bool operator==(const FlowKey& o) const {
        return family == o.family && has_vlan == o.has_vlan && vlan == o.vlan && sport == o.sport &&
               dport == o.dport && std::memcmp(src, o.src, 16) == 0 && std::memcmp(dst, o.dst, 16) == 0;
    }
    bool operator!=(const FlowKey& o) const { return !(*this == o); }
    /// The other direction of the same connection.
    FlowKey reversed() const {
        FlowKey r = *this;
        std::memcpy(r.src, dst, 16);
        std::memcpy(r.dst, src, 16);
        r.sport = dport;
        r.dport = sport;
        return r;
    }
    /// Same value for both directions, so a connection can later be sharded by it.
    uint64_t symmetric_hash() const;
};

/// The direction a segment travels in.
FlowKey flow_key_of(const TcpSegment& seg);

struct FlowKeyHash {
    size_t operator()(const FlowKey& k) const;
};

}  // namespace tcpflow
