// Big-endian loads from unaligned capture bytes. Callers check lengths first;
// these helpers never check (they are the innermost loop of every layer).
#pragma once
#include <cstdint>

namespace tcpflow {
namespace net {

inline uint16_t be16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }
inline uint32_t be32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
inline uint32_t le32(const uint8_t* p) {
    return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}

}  // namespace net
}  // namespace tcpflow
