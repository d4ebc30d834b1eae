// Bounds that keep a corrupt capture from making us allocate or trust absurd
// sizes. libpcap uses the same 262144 floor for snaplen checks.
#pragma once
#include <cstdint>

namespace tcpflow {

constexpr uint32_t kDefaultMaxCaplen = 262144;
constexpr uint32_t kAbsurdCaplen = 16u << 20;  // no link layer carries more
/// Blocks also carry options and comments besides the packet.
constexpr uint32_t kMaxBlockLength = kAbsurdCaplen + (1u << 20);

/// The largest captured length accepted for an interface of this snaplen.
inline uint32_t max_caplen_for(uint32_t snaplen) {
    uint32_t m = snaplen > kDefaultMaxCaplen ? snaplen : kDefaultMaxCaplen;
    return m < kAbsurdCaplen ? m : kAbsurdCaplen;
}

}  // namespace tcpflow
