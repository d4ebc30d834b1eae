// L2TP version 2 (RFC 2661, UDP 1701) data messages: a variable header, then a
// PPP frame (the remote-access sessions of ISPs). Control messages carry no
// user packets.
#include "decode/udp_tunnels.h"
#include "decode/wire.h"

#include <algorithm>

namespace tcpflow {
namespace decode {

namespace {
enum : uint16_t {
    kControl = 0x8000, kLength = 0x4000, kSequence = 0x0800, kOffset = 0x0200, kPriority = 0x0100,
    kVersionMask = 0x000f,
};
// Bits RFC 2661 reserves (must be 0): a header with one set is not L2TPv2.
constexpr uint16_t kKnownBits = kControl | kLength | kSequence | kOffset | kPriority | kVersionMask;
}  // namespace

DecodeStatus l2tp(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 2) return short_tunnel_header(w);
    const uint16_t flags = net::be16(p);
    if ((flags & kVersionMask) != 2 || (flags & ~kKnownBits) || (flags & kControl))
        return DecodeStatus::NotTcp;
    uint32_t off = 2;
    if (flags & kLength) {
        if (len < 4) return short_tunnel_header(w);
        const uint32_t declared = net::be16(p + 2);
        if (declared > len && !w.snapped) return DecodeStatus::NotTcp;
        len = std::min(len, declared);
        off = 4;
    }
    off += 4;  // tunnel id, session id
    if (flags & kSequence) off += 4;  // Ns, Nr
    if (flags & kOffset) {
        if (len < off + 2) return short_tunnel_header(w);
        off += 2 + net::be16(p + off);
    }
    if (len < off) return short_tunnel_header(w);
    return ppp(w, p + off, len - off);
}

}  // namespace decode
}  // namespace tcpflow
