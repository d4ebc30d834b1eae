// Headers that capture software or a capture card puts in front of a packet,
// found in real captures of IP traffic (a survey of tshark's link types):
// Solaris ipnet (226), OpenBSD enc (109), Apple PKTAP (258), Hilscher
// netANALYZER (240, 241).
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

// Solaris ipnet: version, address family (AF_INET 2, Solaris AF_INET6 26),
// then 22 more bytes (hook type, length, interface and zone ids).
DecodeStatus ipnet(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 24) return DecodeStatus::Truncated;
    switch (p[1]) {
        case 2: return ipv4(w, p + 24, len - 24);
        case 26: return ipv6(w, p + 24, len - 24);
        default: return DecodeStatus::NotIp;
    }
}

// OpenBSD enc (IPsec before encryption / after decryption): address family,
// SPI and flags, 4 bytes each in host order; the family is redundant with the
// IP version nibble, which is read instead.
DecodeStatus enc(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 12) return DecodeStatus::Truncated;
    return ip_any(w, p + 12, len - 12);
}

// Apple PKTAP (tcpdump -k on macOS): little-endian header length, the kind of
// record that follows (1: a packet), and the link type of that packet
// (Ethernet, or raw IP on utun interfaces), then process metadata.
DecodeStatus pktap(Walk& w, const uint8_t* p, uint32_t len) {
    constexpr uint32_t kTypePacket = 1;
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 12) return DecodeStatus::Truncated;
    const uint32_t hl = net::le32(p);
    if (hl < 12 || hl > len) return DecodeStatus::Malformed;
    if (net::le32(p + 4) != kTypePacket) return DecodeStatus::NotIp;
    return link_frame(w, int(net::le32(p + 8)), p + hl, len - hl);
}

// netANALYZER: a 4-byte status header before the Ethernet frame; the
// "transparent" variant also keeps the 7 preamble bytes and the SFD.
DecodeStatus netanalyzer(Walk& w, const uint8_t* p, uint32_t len, bool transparent) {
    const uint32_t hl = transparent ? 12 : 4;
    if (len < hl) return DecodeStatus::Truncated;
    return ethernet(w, p + hl, len - hl);
}

}  // namespace decode
}  // namespace tcpflow
