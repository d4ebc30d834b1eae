// Teredo (RFC 4380, UDP 3544 on the server or relay side): an IPv6 packet as
// the whole UDP payload, optionally after an authentication indicator and an
// origin indicator. Nothing else marks the payload, so it is taken as Teredo
// only when it is exactly one IPv6 packet.
#include "decode/udp_tunnels.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

DecodeStatus teredo(Walk& w, const uint8_t* p, uint32_t len) {
    uint32_t off = 0;
    if (len >= 2 && p[0] == 0 && p[1] == 1) {
        // Authentication: 4 bytes, client id, authentication value, nonce (8), confirmation (1).
        if (len < 4) return short_tunnel_header(w);
        off = 4u + p[2] + p[3] + 9u;
    }
    if (len >= off + 2 && p[off] == 0 && p[off + 1] == 0) off += 8;  // origin: port and address
    if (len < off + 40) return short_tunnel_header(w);
    const uint8_t* ip = p + off;
    const uint32_t ip_len = len - off;
    if (ip[0] >> 4 != 6) return DecodeStatus::NotTcp;
    const uint32_t declared = 40u + net::be16(ip + 4);
    if (declared != ip_len && !(w.snapped && declared > ip_len)) return DecodeStatus::NotTcp;
    return ipv6(w, ip, ip_len);
}

}  // namespace decode
}  // namespace tcpflow
