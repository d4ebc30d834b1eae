// An IPv4 or IPv6 address as a hashable, ordered value: the key of the
// address top-N counters.
#ifndef TCPFLOW_NETVIZ_NET_ADDRESS_H
#define TCPFLOW_NETVIZ_NET_ADDRESS_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace tcpflow {
namespace netviz {

struct NetAddress {
    uint8_t family = 0;      // 4 or 6; 0 = none
    uint8_t bytes[16] = {};  // IPv4 in the first 4 bytes, the rest zero

    static NetAddress v4(const uint8_t* p);
    static NetAddress v6(const uint8_t* p);

    /// "192.168.1.2", "2001:db8::1"; "" for none.
    std::string text() const;

    bool operator==(const NetAddress& o) const {
        return family == o.family && std::memcmp(bytes, o.bytes, sizeof bytes) == 0;
    }
    bool operator!=(const NetAddress& o) const { return !(*this == o); }
    bool operator<(const NetAddress& o) const {
        if (family != o.family) return family < o.family;
        return std::memcmp(bytes, o.bytes, sizeof bytes) < 0;
    }
};

struct NetAddressHash {
    size_t operator()(const NetAddress& a) const;
};

}  // namespace netviz
}  // namespace tcpflow

#endif
