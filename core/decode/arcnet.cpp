// ARCNET: BSD (linktype 7: source, destination, protocol) and Linux (linktype
// 129: source, destination, a 2-byte offset, protocol). IP is carried the RFC
// 1201 way (protocol 212, IPv6 196: split flag and sequence number before the
// datagram) or the older RFC 1051 way (protocol 240, the datagram at once).
#include "decode/layers.h"

namespace tcpflow {
namespace decode {

namespace {
enum : uint8_t { kIpRfc1201 = 0xd4, kIpv6Rfc1201 = 0xc4, kIpRfc1051 = 0xf0, kException = 0xff };

DecodeStatus arcnet_payload(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 1) return DecodeStatus::Truncated;
    if (p[0] == kIpRfc1051) return ipv4(w, p + 1, len - 1);
    if (p[0] != kIpRfc1201 && p[0] != kIpv6Rfc1201) return DecodeStatus::NotIp;  // ARP, IPX, ...
    if (len < 4) return DecodeStatus::Truncated;
    // An exception packet (split flag 0xff) pads the header with 4 bytes
    // (protocol, 0xff, 0xff, 0xff) before the real one.
    if (p[1] == kException) {
        if (len < 8) return DecodeStatus::Truncated;
        p += 4;
        len -= 4;
    }
    // A packet split over several ARCNET frames is not reassembled.
    if (p[1] != 0) return DecodeStatus::Truncated;
    return p[0] == kIpRfc1201 ? ipv4(w, p + 4, len - 4) : ipv6(w, p + 4, len - 4);
}
}  // namespace

DecodeStatus arcnet_bsd(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 2) return DecodeStatus::Truncated;
    return arcnet_payload(w, p + 2, len - 2);
}

DecodeStatus arcnet_linux(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 4) return DecodeStatus::Truncated;
    return arcnet_payload(w, p + 4, len - 4);
}

}  // namespace decode
}  // namespace tcpflow
