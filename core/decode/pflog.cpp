// OpenBSD/FreeBSD pf log (linktype 117): a header whose first byte is its own
// length (padded to 4 bytes on the wire) and whose second is the address family
// of the packet that follows.
#include "decode/layers.h"

namespace tcpflow {
namespace decode {

DecodeStatus pflog(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 2) return DecodeStatus::Truncated;
    const uint32_t hl = (uint32_t(p[0]) + 3) & ~3u;
    if (hl < 4) return DecodeStatus::Malformed;
    if (len < hl) return DecodeStatus::Truncated;
    switch (p[1]) {
        case 2: return ipv4(w, p + hl, len - hl);           // AF_INET everywhere
        case 10: case 24: case 28: case 30:                  // AF_INET6: Linux, OpenBSD, FreeBSD, macOS
            return ipv6(w, p + hl, len - hl);
        default: return DecodeStatus::NotIp;
    }
}

}  // namespace decode
}  // namespace tcpflow
