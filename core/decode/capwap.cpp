// CAPWAP data channel (RFC 5415/5416, UDP 5247): how wireless controllers
// tunnel their access points' frames, as native 802.11 (the T flag with the
// 802.11 binding) or as 802.3 Ethernet. Encrypted (DTLS) channels, keep-alives
// and fragmented frames are counted as not TCP.
#include "decode/layers.h"
#include "decode/wire.h"

#include <algorithm>

namespace tcpflow {
namespace decode {

namespace {
constexpr uint32_t kWbidIeee80211 = 1;
}

DecodeStatus capwap_data(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    if (p[0] != 0) return DecodeStatus::NotTcp;  // version 0, type 1: a DTLS record
    const uint32_t word = net::be32(p);
    const uint32_t hl = ((word >> 19) & 0x1f) * 4;
    const uint32_t wbid = (word >> 9) & 0x1f;
    const bool native = word & 0x100, fragment = word & 0x80, keep_alive = word & 0x04;
    if (hl < 8) return DecodeStatus::Malformed;
    if (len < hl) return DecodeStatus::Truncated;
    if (keep_alive) return DecodeStatus::NotTcp;
    if (fragment) return DecodeStatus::Truncated;  // CAPWAP fragments are not reassembled
    if (!native) return ethernet(w, p + hl, len - hl);
    if (wbid == kWbidIeee80211) return ieee80211(w, p + hl, len - hl, kWlanSwappedFc);
    return DecodeStatus::NotTcp;  // another wireless binding (EPCGlobal)
}

}  // namespace decode
}  // namespace tcpflow
