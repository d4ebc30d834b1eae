// MPLS label stack. The payload type is not signalled: guess it from the first
// nibble like every analyser does (4/6 = IP; 0 = a pseudowire control word
// followed by an Ethernet frame, RFC 4448).
#include "decode/layers.h"

namespace tcpflow {
namespace decode {

DecodeStatus mpls(Walk& w, const uint8_t* p, uint32_t len) {
    uint32_t off = 0;
    for (;;) {
        if (len - off < 4) return DecodeStatus::Truncated;
        const bool bottom = p[off + 2] & 0x01;
        off += 4;
        if (bottom) break;
    }
    if (len - off < 1) return DecodeStatus::Truncated;
    switch (p[off] >> 4) {
        case 4: return ipv4(w, p + off, len - off);
        case 6: return ipv6(w, p + off, len - off);
        case 0:
            if (len - off < 4) return DecodeStatus::Truncated;
            return ethernet(w, p + off + 4, len - off - 4);
        default: return DecodeStatus::NotIp;
    }
}

}  // namespace decode
}  // namespace tcpflow
