// IEEE 802.2 LLC, and the SNAP header (RFC 1042) that IP rides on wherever the
// medium has no ethertype of its own: 802.3 frames whose type field is a length,
// FDDI, token ring, 802.11, ATM (RFC 1483).
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

namespace {
enum : uint8_t { kSapSnap = 0xaa, kSapIp = 0x06, kControlUi = 0x03 };

// SNAP organisation codes whose protocol field is an ethertype: RFC 1042's
// 00-00-00 and 802.1H's 00-00-F8 (bridge tunnel, used by 802.11 for a few types).
bool oui_is_ethertype(const uint8_t* oui) {
    return oui[0] == 0 && oui[1] == 0 && (oui[2] == 0x00 || oui[2] == 0xf8);
}
}  // namespace

DecodeStatus llc(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 3) return DecodeStatus::Truncated;
    // Only unnumbered-information frames carry datagrams; I and S frames (a
    // 2-byte control field, connection-mode LLC) are NetBIOS/SNA traffic.
    if (p[2] != kControlUi) return DecodeStatus::NotIp;
    if (p[0] == kSapSnap && p[1] == kSapSnap) {
        if (len < 8) return DecodeStatus::Truncated;
        if (!oui_is_ethertype(p + 3)) return DecodeStatus::NotIp;  // AppleTalk, Cisco CDP, ...
        return ethertype(w, net::be16(p + 6), p + 8, len - 8);
    }
    // RFC 948: IP straight on the IP SAP, without SNAP (rare, but defined).
    if (p[0] == kSapIp && p[1] == kSapIp) return ipv4(w, p + 3, len - 3);
    return DecodeStatus::NotIp;  // STP, NetBIOS, IPX, ...
}

}  // namespace decode
}  // namespace tcpflow
