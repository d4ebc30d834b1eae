// Loads of little- or big-endian integers from unaligned capture bytes; the
// file's byte order is known only at run time, so it is a flag, not a type.
#pragma once
#include <cstdint>
#include <cstring>

namespace tcpflow {

inline uint16_t load16(const uint8_t* p, bool swap) {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return swap ? __builtin_bswap16(v) : v;
}
inline uint32_t load32(const uint8_t* p, bool swap) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return swap ? __builtin_bswap32(v) : v;
}
inline uint64_t load64(const uint8_t* p, bool swap) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return swap ? __builtin_bswap64(v) : v;
}

}  // namespace tcpflow
