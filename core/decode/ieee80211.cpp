// IEEE 802.11 data frames: the MAC header (3 or 4 addresses, QoS, HT control),
// then 802.2 LLC/SNAP, or an A-MSDU of several LLC/SNAP subframes.
// Management and control frames, null data and encrypted frames carry no IP we
// can read: they are counted as not IP.
#include "decode/layers.h"
#include "decode/wire.h"

#include <utility>

namespace tcpflow {
namespace decode {

namespace {
enum : uint8_t {  // frame control, first byte
    kTypeMask = 0x0c, kTypeData = 0x08,
    kSubtypeNoData = 0x40,  // Null, CF-Ack, CF-Poll... (with or without QoS)
    kSubtypeQos = 0x80,
};
enum : uint8_t {  // frame control, second byte (flags)
    kToDs = 0x01, kFromDs = 0x02, kMoreFragments = 0x04, kProtected = 0x40, kOrder = 0x80,
};
constexpr uint8_t kQosAmsdu = 0x80;  // first byte of the QoS control field

// A-MSDU: subframes of destination, source, length and an LLC/SNAP payload,
// each padded to 4 bytes but the last. The decoder hands back one segment per
// frame, so the first subframe that holds TCP is the one recorded.
DecodeStatus amsdu(Walk& w, const uint8_t* p, uint32_t len) {
    DecodeStatus last = DecodeStatus::NotIp;
    while (len > 0) {
        if (len < 14) return DecodeStatus::Truncated;
        const uint32_t sub = net::be16(p + 12);
        if (sub > len - 14) return DecodeStatus::Truncated;
        last = llc(w, p + 14, sub);
        if (last == DecodeStatus::Tcp || last == DecodeStatus::FragmentHeld) return last;
        const uint32_t step = (14 + sub + 3) & ~3u;
        if (step >= len) break;
        p += step;
        len -= step;
    }
    return last;
}
}  // namespace

DecodeStatus ieee80211(Walk& w, const uint8_t* p, uint32_t len, unsigned how) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 2) return DecodeStatus::Truncated;
    uint8_t fc = p[0], flags = p[1];
    // Swapped bytes show as a protocol version other than 0 (To/From DS flags,
    // set on every frame to or from an access point, land in the version bits).
    if ((how & kWlanSwappedFc) && (fc & 0x03) != 0 && (flags & 0x03) == 0) std::swap(fc, flags);
    if ((fc & 0x03) != 0) return DecodeStatus::Malformed;  // protocol version 0 is the only one
    if ((fc & kTypeMask) != kTypeData || (fc & kSubtypeNoData)) return DecodeStatus::NotIp;
    uint32_t hl = 24;
    if ((flags & kToDs) && (flags & kFromDs)) hl += 6;  // 4-address (WDS, mesh)
    const bool qos = fc & kSubtypeQos;
    const uint32_t qos_at = hl;
    if (qos) hl += 2;
    if (qos && (flags & kOrder)) hl += 4;  // HT control
    if (len < hl) return DecodeStatus::Truncated;
    if (flags & kProtected) return DecodeStatus::NotIp;  // WEP/WPA: nothing to read without keys
    // A fragmented MSDU is not reassembled (rare: few stations fragment). Only
    // the More Fragments flag is trusted: some access points put junk in the
    // fragment number (tshark decodes those frames too), and a last fragment
    // starts with no LLC header, which llc() refuses.
    if (flags & kMoreFragments) return DecodeStatus::Truncated;
    if (how & kWlanPadded) hl = (hl + 3) & ~3u;  // radiotap's "data pad" flag
    if (len < hl) return DecodeStatus::Truncated;
    if (qos && (p[qos_at] & kQosAmsdu)) return amsdu(w, p + hl, len - hl);
    return llc(w, p + hl, len - hl);
}

}  // namespace decode
}  // namespace tcpflow
