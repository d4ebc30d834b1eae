// L2TP version 2 (RFC 2661, UDP 1701) data messages: a variable header, then a
// PPP frame (the remote-access sessions of ISPs). Control messages carry no
// user packets. L2TPv3 over IP (RFC 3931, protocol 115) carrying Ethernet
// pseudowires is below.
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

// L2TPv3 data message over IP: a non-zero session id, then a cookie of 0, 4 or
// 8 bytes and an optional 4-byte L2-specific sublayer, both agreed out of band.
// The layout is guessed the way tshark's "detect" does without the control
// exchange: the first offset where an Ethernet header names IPv4, IPv6 or a
// VLAN and the next bytes agree (IP version). Anything else stays not_tcp.
DecodeStatus l2tpv3_ip(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 4) return short_tunnel_header(w);
    if (net::be32(p) == 0) return DecodeStatus::NotTcp;  // control message
    for (uint32_t extra : {0u, 4u, 8u, 12u}) {  // cookie + sublayer
        const uint32_t off = 4 + extra;
        if (len < off + 15) break;
        const uint16_t type = net::be16(p + off + 12);
        const uint8_t version = p[off + 14] >> 4;
        if ((type == 0x0800 && version == 4) || (type == 0x86dd && version == 6) || type == 0x8100)
            return ethernet(w, p + off, len - off);
    }
    return DecodeStatus::NotTcp;
}

}  // namespace decode
}  // namespace tcpflow
