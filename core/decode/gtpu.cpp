// GTP-U, GTPv1 user plane (3GPP TS 29.281, UDP 2152): the tunnel of mobile
// networks between base station and core. Only G-PDU messages carry a user's
// IP packet; echo, error indication and end marker messages do not.
#include "decode/udp_tunnels.h"
#include "decode/wire.h"

#include <algorithm>

namespace tcpflow {
namespace decode {

namespace {
enum : uint8_t { kVersion1 = 0x20, kProtocolGtp = 0x10, kOptionalFields = 0x07, kGpdu = 0xff };
}  // namespace

DecodeStatus gtpu(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return short_tunnel_header(w);
    const uint8_t flags = p[0];
    if ((flags & 0xf0) != (kVersion1 | kProtocolGtp) || p[1] != kGpdu) return DecodeStatus::NotTcp;
    // The length counts what follows the 8 mandatory bytes.
    const uint32_t declared = 8u + net::be16(p + 2);
    if (declared > len && !w.snapped) return DecodeStatus::NotTcp;  // not a GTP header after all
    len = std::min(len, declared);
    uint32_t off = 8;
    if (flags & kOptionalFields) {
        // Sequence number, N-PDU number and next extension type are present
        // together when any of the E, S, PN flags is set.
        off = 12;
        if (len < off) return short_tunnel_header(w);
        uint8_t next = (flags & 0x04) ? p[11] : 0;
        while (next != 0) {  // each extension header is >= 4 bytes: the loop ends
            if (len < off + 1) return short_tunnel_header(w);
            const uint32_t n = p[off] * 4u;  // length in 4-byte units, includes itself
            if (n == 0) return DecodeStatus::Malformed;
            if (len < off + n) return short_tunnel_header(w);
            next = p[off + n - 1];
            off += n;
        }
    }
    return ip_any(w, p + off, len - off);
}

}  // namespace decode
}  // namespace tcpflow
