// VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe, UDP 4790): VXLAN's header with a
// next-protocol byte, so the payload may be IPv4, IPv6, Ethernet, NSH or MPLS.
#include "decode/udp_tunnels.h"

namespace tcpflow {
namespace decode {

namespace {

enum : uint8_t { kIpv4 = 1, kIpv6 = 2, kEthernet = 3, kNsh = 4, kMpls = 5 };
enum : uint8_t { kVersionBits = 0x30, kNextProtocolBit = 0x04 };

// The payloads both VXLAN-GPE and NSH can name (NSH in NSH is not followed).
DecodeStatus next_protocol(Walk& w, uint8_t next, const uint8_t* p, uint32_t len) {
    switch (next) {
        case kIpv4: return ipv4(w, p, len);
        case kIpv6: return ipv6(w, p, len);
        case kEthernet: return ethernet(w, p, len);
        case kMpls: return mpls(w, p, len);
        default: return DecodeStatus::NotTcp;
    }
}

// Network Service Header (RFC 8300): version 0, length in 4-byte words.
DecodeStatus nsh(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return short_tunnel_header(w);
    if (p[0] >> 6 != 0) return DecodeStatus::NotTcp;
    const uint32_t hl = (p[1] & 0x3fu) * 4;
    if (hl < 8) return DecodeStatus::Malformed;
    if (len < hl) return short_tunnel_header(w);
    return next_protocol(w, p[3], p + hl, len - hl);
}

}  // namespace

DecodeStatus vxlan_gpe(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return short_tunnel_header(w);
    if (p[0] & kVersionBits) return DecodeStatus::NotTcp;
    // Without the P bit the header means what a VXLAN header means.
    if (!(p[0] & kNextProtocolBit)) return vxlan(w, p, len);
    if (p[3] == kNsh) return nsh(w, p + 8, len - 8);
    return next_protocol(w, p[3], p + 8, len - 8);
}

}  // namespace decode
}  // namespace tcpflow
