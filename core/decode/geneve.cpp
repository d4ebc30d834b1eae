// Geneve (RFC 8926, UDP 6081): an 8-byte header, options (skipped: they describe
// the tunnel, not the packet), then a frame named by an ethertype: 0x6558 for
// Ethernet, or IPv4/IPv6 directly.
#include "decode/udp_tunnels.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

DecodeStatus geneve(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return short_tunnel_header(w);
    if (p[0] >> 6 != 0) return DecodeStatus::NotTcp;  // version 0 is the only one
    const uint32_t hl = 8 + (p[0] & 0x3fu) * 4;
    if (len < hl) return short_tunnel_header(w);
    const uint16_t proto = net::be16(p + 2);
    if (proto == 0x6558) return ethernet(w, p + hl, len - hl);
    return ethertype(w, proto, p + hl, len - hl);
}

}  // namespace decode
}  // namespace tcpflow
