// Endace ERF records (linktype 197, DAG capture cards): a 16-byte record header
// (timestamp, type, flags, record length, loss counter, wire length), optional
// 8-byte extension headers, then the frame in the form the type names.
#include "decode/layers.h"
#include "decode/wire.h"

#include <algorithm>

namespace tcpflow {
namespace decode {

namespace {
enum : uint8_t {
    kHdlcPos = 1, kEth = 2, kColorHdlcPos = 10, kColorEth = 11, kDsmColorHdlcPos = 15,
    kDsmColorEth = 16, kColorHashPos = 19, kColorHashEth = 20, kIpv4 = 22, kIpv6 = 23,
};
constexpr uint8_t kMoreHeaders = 0x80;
constexpr uint32_t kHeader = 16, kExtension = 8, kEthPad = 2;
constexpr int kPppSerialLinktype = 50;  // Packet over SONET: PPP in HDLC framing, or Cisco HDLC
}  // namespace

DecodeStatus erf(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < kHeader) return DecodeStatus::Truncated;
    const uint8_t type = p[8];
    // The record length bounds the frame; the rest of a record is padding.
    const uint32_t rlen = net::be16(p + 10);
    if (rlen < kHeader) return DecodeStatus::Malformed;
    len = std::min(len, rlen);
    uint32_t off = kHeader;
    for (bool more = type & kMoreHeaders; more; off += kExtension) {
        if (len < off + kExtension) return DecodeStatus::Truncated;
        more = p[off] & kMoreHeaders;
    }
    switch (type & 0x7f) {
        case kEth: case kColorEth: case kDsmColorEth: case kColorHashEth:
            if (len < off + kEthPad) return DecodeStatus::Truncated;
            return ethernet(w, p + off + kEthPad, len - off - kEthPad);
        case kHdlcPos: case kColorHdlcPos: case kDsmColorHdlcPos: case kColorHashPos:
            return link_frame(w, kPppSerialLinktype, p + off, len - off);
        case kIpv4: return ipv4(w, p + off, len - off);
        case kIpv6: return ipv6(w, p + off, len - off);
        default: return DecodeStatus::NotIp;  // ATM cells, counters, InfiniBand, ...
    }
}

}  // namespace decode
}  // namespace tcpflow
