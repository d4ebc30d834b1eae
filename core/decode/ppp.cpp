// PPP (RFC 1661/1662) and PPPoE sessions (RFC 2516).
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

namespace {
enum : uint16_t { kPppIpv4 = 0x0021, kPppIpv6 = 0x0057 };

DecodeStatus ppp_protocol(Walk& w, uint16_t proto, const uint8_t* p, uint32_t len) {
    switch (proto) {
        case kPppIpv4: return ipv4(w, p, len);
        case kPppIpv6: return ipv6(w, p, len);
        default: return DecodeStatus::NotIp;  // LCP, IPCP, CHAP, ...
    }
}
}  // namespace

// PPP with or without the HDLC address/control bytes (ff 03), and with a one-
// or two-byte protocol field (an odd first byte means it was compressed).
DecodeStatus ppp(Walk& w, const uint8_t* p, uint32_t len) {
    uint32_t off = 0;
    if (len >= 2 && p[0] == 0xff && p[1] == 0x03) off = 2;
    if (len - off < 1) return DecodeStatus::Truncated;
    if (p[off] & 0x01) return ppp_protocol(w, p[off], p + off + 1, len - off - 1);
    if (len - off < 2) return DecodeStatus::Truncated;
    return ppp_protocol(w, net::be16(p + off), p + off + 2, len - off - 2);
}

// PPPoE session stage: ver/type, code 0, session id, length, then PPP without
// address/control. The PPPoE length bounds the PPP frame: real captures carry
// IP headers that claim more (trailing garbage that is not TCP data).
DecodeStatus pppoe_session(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    if (p[0] != 0x11 || p[1] != 0x00) return DecodeStatus::NotIp;  // discovery, or a version we do not know
    const uint32_t declared = 6u + net::be16(p + 4);
    if (declared < 8) return DecodeStatus::Malformed;
    if (declared < len) len = declared;
    return ppp_protocol(w, net::be16(p + 6), p + 8, len - 8);
}

}  // namespace decode
}  // namespace tcpflow
