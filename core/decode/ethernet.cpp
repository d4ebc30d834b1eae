// Ethernet II with any stack of VLAN tags, and the ethertype dispatch shared by
// every framing that names its payload with an ethertype (SLL, GRE, HDLC, ...).
#include "decode/layers.h"
#include "decode/wire.h"

#include <algorithm>
#include <cstring>

namespace tcpflow {
namespace decode {

namespace ethertypes {
enum : uint16_t {
    Ipv4 = 0x0800, Ipv6 = 0x86dd, Vlan = 0x8100, QinQ = 0x88a8, QinQOld = 0x9100,
    MplsUnicast = 0x8847, MplsMulticast = 0x8848, PppoeSession = 0x8864,
};
}  // namespace ethertypes

namespace {
constexpr uint16_t kMax8023Length = 1500;

bool is_vlan_tag(uint16_t type) {
    return type == ethertypes::Vlan || type == ethertypes::QinQ || type == ethertypes::QinQOld;
}
}  // namespace

DecodeStatus ethernet(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 14) return DecodeStatus::Truncated;
    if (!w.out.has_mac) {
        std::memcpy(w.out.mac_dst, p, 6);
        std::memcpy(w.out.mac_src, p + 6, 6);
        w.out.has_mac = true;
    }
    const uint16_t type = net::be16(p + 12);
    // 802.3: a length, not a type; 802.2 LLC follows (SNAP for IP). The
    // length also bounds the frame: what follows it is padding.
    if (type <= kMax8023Length) return llc(w, p + 14, std::min<uint32_t>(len - 14, type));
    return ethertype(w, type, p + 14, len - 14);
}

// VLAN tags are handled here rather than in ethernet(): Linux cooked captures
// and GRE can carry them too when the kernel did not strip them.
DecodeStatus ethertype(Walk& w, uint16_t type, const uint8_t* p, uint32_t len) {
    while (is_vlan_tag(type)) {
        if (len < 4) return DecodeStatus::Truncated;
        if (!w.out.has_vlan) {
            w.out.vlan = net::be16(p) & 0x0fff;
            w.out.has_vlan = true;
        }
        type = net::be16(p + 2);
        p += 4;
        len -= 4;
    }
    switch (type) {
        case ethertypes::Ipv4: return ipv4(w, p, len);
        case ethertypes::Ipv6: return ipv6(w, p, len);
        case ethertypes::MplsUnicast:
        case ethertypes::MplsMulticast: return mpls(w, p, len);
        case ethertypes::PppoeSession: return pppoe_session(w, p, len);
        default: return DecodeStatus::NotIp;  // ARP, LLDP, 802.3 length fields, ...
    }
}

}  // namespace decode
}  // namespace tcpflow
