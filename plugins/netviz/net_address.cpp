#include "net_address.h"

#include <arpa/inet.h>

namespace tcpflow {
namespace netviz {

NetAddress NetAddress::v4(const uint8_t* p) {
    NetAddress a;
    a.family = 4;
    std::memcpy(a.bytes, p, 4);
    return a;
}

NetAddress NetAddress::v6(const uint8_t* p) {
    NetAddress a;
    a.family = 6;
    std::memcpy(a.bytes, p, 16);
    return a;
}

std::string NetAddress::text() const {
    char buf[INET6_ADDRSTRLEN] = "";
    if (family == 4) inet_ntop(AF_INET, bytes, buf, sizeof buf);
    else if (family == 6) inet_ntop(AF_INET6, bytes, buf, sizeof buf);
    return buf;
}

size_t NetAddressHash::operator()(const NetAddress& a) const {
    // FNV-1a over the meaningful bytes: cheap, and spreads the low octets
    // (where addresses of one network differ) over the whole hash.
    uint64_t h = 1469598103934665603ull ^ a.family;
    const size_t n = a.family == 4 ? 4 : 16;
    for (size_t i = 0; i < n; ++i) {
        h ^= a.bytes[i];
        h *= 1099511628211ull;
    }
    return static_cast<size_t>(h);
}

}  // namespace netviz
}  // namespace tcpflow
