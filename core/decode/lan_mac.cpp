// The 802 LANs older than Ethernet whose MAC header is followed by 802.2 LLC:
// FDDI (linktype 10) and token ring (linktype 6, IEEE 802.5).
#include "decode/layers.h"

namespace tcpflow {
namespace decode {

// FDDI: frame control, destination and source MAC, then LLC. Frame control
// 0x50-0x57 (asynchronous LLC) is the only class that carries datagrams;
// SMT and MAC frames (tokens, beacons) do not.
DecodeStatus fddi(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 13) return DecodeStatus::Truncated;
    if ((p[0] & 0xf8) != 0x50) return DecodeStatus::NotIp;
    return llc(w, p + 13, len - 13);
}

// Token ring: access control, frame control, destination and source MAC, an
// optional source-routing field (when the source's high bit is set; its
// length is in its first byte), then LLC. Frame control 01xxxxxx is LLC.
DecodeStatus token_ring(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 14) return DecodeStatus::Truncated;
    if ((p[1] & 0xc0) != 0x40) return DecodeStatus::NotIp;  // MAC frames
    uint32_t off = 14;
    if (p[8] & 0x80) {
        if (len < 15) return DecodeStatus::Truncated;
        const uint32_t rif = p[14] & 0x1f;
        if (rif < 2) return DecodeStatus::Malformed;
        off += rif;
    }
    if (len < off) return DecodeStatus::Truncated;
    return llc(w, p + off, len - off);
}

}  // namespace decode
}  // namespace tcpflow
