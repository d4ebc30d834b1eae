// The per-frame radio metadata that wireless capture prepends to 802.11 frames:
// radiotap (linktype 127), Prism (119), AVS (163) and PPI (192). Each is skipped
// by its own length field; only radiotap's flags change how the frame is read.
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

namespace {
inline uint16_t le16(const uint8_t* p) { return uint16_t(p[0] | p[1] << 8); }

enum : uint32_t { kAvsV1 = 0x80211001, kAvsV2 = 0x80211002 };
enum : uint8_t { kRtFcsAtEnd = 0x10, kRtDataPad = 0x20, kRtBadFcs = 0x40 };
constexpr uint32_t kRtExtended = 0x80000000u;
constexpr int kPpiIeee80211 = 105;

// Radiotap's flags field (present bit 1) sits after the TSFT (bit 0, 8 bytes
// aligned to 8) and after every present word. 0 when absent.
uint8_t radiotap_flags(const uint8_t* p, uint32_t hdr_len) {
    uint32_t off = 4;
    uint32_t first = 0;
    for (bool more = true; more; off += 4) {
        if (off + 4 > hdr_len) return 0;
        const uint32_t word = net::le32(p + off);
        if (off == 4) first = word;
        more = word & kRtExtended;
    }
    if (!(first & 0x2)) return 0;
    if (first & 0x1) off = ((off + 7) & ~7u) + 8;
    return off < hdr_len ? p[off] : 0;
}

// AVS capture header: a magic version and a big-endian header length.
DecodeStatus avs(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    const uint32_t hl = net::be32(p + 4);
    if (hl < 8 || hl > len) return DecodeStatus::Malformed;
    return ieee80211(w, p + hl, len - hl, kWlanPlain);
}

bool is_avs(const uint8_t* p, uint32_t len) {
    return len >= 4 && (net::be32(p) == kAvsV1 || net::be32(p) == kAvsV2);
}
}  // namespace

DecodeStatus radiotap(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    if (p[0] != 0) return DecodeStatus::Malformed;  // version 0 is the only one
    const uint32_t hl = le16(p + 2);
    if (hl < 8 || hl > len) return DecodeStatus::Malformed;
    const uint8_t flags = radiotap_flags(p, hl);
    // A frame that failed its checksum holds damaged bytes: writing them into a
    // stream would corrupt it, so it is not processed (a retry will follow).
    if (flags & kRtBadFcs) return DecodeStatus::Malformed;
    uint32_t frame_len = len - hl;
    if ((flags & kRtFcsAtEnd) && frame_len >= 4 && !w.snapped) frame_len -= 4;
    return ieee80211(w, p + hl, frame_len, (flags & kRtDataPad) ? kWlanPadded : kWlanPlain);
}

// Prism monitor header (linux-wlan-ng): a message code, a little-endian length
// (144 in every driver seen), then items. Some drivers label AVS frames Prism.
DecodeStatus prism(Walk& w, const uint8_t* p, uint32_t len) {
    if (is_avs(p, len)) return avs(w, p, len);
    if (len < 8) return DecodeStatus::Truncated;
    const uint32_t hl = net::le32(p + 4);
    if (hl < 8 || hl > len) return DecodeStatus::Malformed;
    return ieee80211(w, p + hl, len - hl, kWlanPlain);
}

DecodeStatus avs_header(Walk& w, const uint8_t* p, uint32_t len) {
    if (!is_avs(p, len)) return len < 4 ? DecodeStatus::Truncated : DecodeStatus::Malformed;
    return avs(w, p, len);
}

// PPI: version 0, flags, little-endian header length and the link type of the
// frame that follows (802.11 in practice, but any link type we decode works).
DecodeStatus ppi(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 8) return DecodeStatus::Truncated;
    if (p[0] != 0) return DecodeStatus::Malformed;
    const uint32_t hl = le16(p + 2);
    if (hl < 8 || hl > len) return DecodeStatus::Malformed;
    const int inner = int(net::le32(p + 4));
    if (inner == kPpiIeee80211) return ieee80211(w, p + hl, len - hl, kWlanPlain);
    return link_frame(w, inner, p + hl, len - hl);
}

}  // namespace decode
}  // namespace tcpflow
