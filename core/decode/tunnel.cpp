// Tunnels whose inner packet is decoded in place of the outer one: GRE (with
// ERSPAN and PPTP's enhanced GRE) and VXLAN. IP-in-IP is in ip_payload; the
// other UDP tunnels are in udp_tunnels.cpp.
#include "decode/layers.h"
#include "decode/udp_tunnels.h"
#include "decode/wire.h"

#include <algorithm>

namespace tcpflow {
namespace decode {

namespace {

enum : uint16_t {
    kTransparentEthernet = 0x6558, kErspan2 = 0x88be, kErspan3 = 0x22eb, kPpp = 0x880b,
};
enum : uint16_t {
    kGreChecksum = 0x8000, kGreRouting = 0x4000, kGreKey = 0x2000, kGreSeq = 0x1000, kGreAck = 0x0080,
};
constexpr uint16_t kArubaFirst = 0x8200, kArubaLast = 0x83f0;

// ERSPAN type II: an 8-byte header, then the mirrored Ethernet frame.
DecodeStatus erspan2(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    return ethernet(w, p + 8, len - 8);
}

// ERSPAN type III: a 12-byte header, an optional 8-byte platform subheader
// (O flag), and a frame type that is 0 for Ethernet.
DecodeStatus erspan3(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 12) return DecodeStatus::Truncated;
    const uint32_t hl = (p[11] & 0x01) ? 20 : 12;
    const uint8_t frame_type = (p[10] >> 2) & 0x1f;
    if (len < hl) return DecodeStatus::Truncated;
    if (frame_type != 0) return DecodeStatus::NotIp;
    return ethernet(w, p + hl, len - hl);
}

DecodeStatus gre_v0(Walk& w, uint16_t flags, uint16_t proto, const uint8_t* p, uint32_t len) {
    if (flags & kGreRouting) return DecodeStatus::NotTcp;  // RFC 1701 source routing: obsolete
    uint32_t off = 4;
    if (flags & kGreChecksum) off += 4;
    if (flags & kGreKey) off += 4;
    if (flags & kGreSeq) off += 4;
    if (len < off) return DecodeStatus::Truncated;
    p += off;
    len -= off;
    switch (proto) {
        case kTransparentEthernet: return ethernet(w, p, len);
        // Without a sequence number ERSPAN is type I, which has no header of its own.
        case kErspan2: return (flags & kGreSeq) ? erspan2(w, p, len) : ethernet(w, p, len);
        case kErspan3: return erspan3(w, p, len);
        case kPpp: return ppp(w, p, len);
        default:
            // Aruba access points tunnel 802.11 frames (no FCS) to their controller
            // with protocol types 0x8200 to 0x83f0 in steps of 16.
            if (proto >= kArubaFirst && proto <= kArubaLast && (proto & 0xf) == 0) return ieee80211(w, p, len, kWlanPlain);
            return ethertype(w, proto, p, len);
    }
}

// Enhanced GRE (RFC 2637, PPTP): key always present, carries PPP.
DecodeStatus gre_v1(Walk& w, uint16_t flags, uint16_t proto, const uint8_t* p, uint32_t len) {
    if (proto != kPpp || !(flags & kGreKey)) return DecodeStatus::NotTcp;
    uint32_t off = 8;
    if (flags & kGreSeq) off += 4;
    if (flags & kGreAck) off += 4;
    if (len < off) return DecodeStatus::Truncated;
    return ppp(w, p + off, len - off);
}

}  // namespace

DecodeStatus gre(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 4) return DecodeStatus::Truncated;
    const uint16_t flags = net::be16(p);
    const uint16_t proto = net::be16(p + 2);
    switch (flags & 0x0007) {
        case 0: return gre_v0(w, flags, proto, p, len);
        case 1: return gre_v1(w, flags, proto, p, len);
        default: return DecodeStatus::NotTcp;
    }
}

// UDP matters only as the carrier of tunnels.
DecodeStatus udp(Walk& w, const uint8_t* p, uint32_t cap, uint32_t wire) {
    if (wire < 8) return DecodeStatus::Malformed;
    if (cap < 8) return DecodeStatus::Truncated;
    const uint32_t ulen = net::be16(p + 4);
    if (ulen >= 8) cap = std::min(cap, ulen);
    return udp_tunnel(w, net::be16(p), net::be16(p + 2), p + 8, cap - 8);
}

// VXLAN (RFC 7348): 8 bytes, the I flag says the VNI is valid, then Ethernet.
DecodeStatus vxlan(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    if (!(p[0] & 0x08)) return DecodeStatus::NotTcp;  // no valid VNI: not VXLAN
    return ethernet(w, p + 8, len - 8);
}

}  // namespace decode
}  // namespace tcpflow
