// Wire sequence numbers -> 64-bit positions. A position is an unsigned 64-bit
// number whose low 32 bits are the wire sequence number; positions start near
// 2^62 so that data earlier than the first segment seen (a mid-stream pickup)
// still has a position, and a stream can run for 2^62 bytes before overflow.
#pragma once
#include <cstdint>

namespace tcpflow {

constexpr uint64_t kFirstPositionBase = 1ull << 62;

/// The position of the first sequence number a direction sees.
inline uint64_t first_position(uint32_t seq) { return kFirstPositionBase | seq; }

/// Signed 32-bit distance of `seq` from the position `reference` (tcpflow's delta).
inline int32_t sequence_delta(uint64_t reference, uint32_t seq) {
    return static_cast<int32_t>(seq - static_cast<uint32_t>(reference));
}

/// The position of `seq` nearest to `reference`: within 2^31 either side, which is
/// how TCP itself disambiguates a wrapped sequence number.
inline uint64_t unwrap_sequence(uint64_t reference, uint32_t seq) {
    return reference + static_cast<uint64_t>(static_cast<int64_t>(sequence_delta(reference, seq)));
}

}  // namespace tcpflow
