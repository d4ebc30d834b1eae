// Tunnels carried in UDP, recognised by their well-known port. A port alone
// proves nothing (any application may use 2152 or 3544), so each decoder first
// checks that the bytes really are its header; when they are not, the datagram
// is plain UDP (NotTcp) as it was before these tunnels were decoded.
#pragma once
#include "decode/layers.h"

namespace tcpflow {
namespace decode {

/// The UDP payload `p` (`len` bytes, bounded by the UDP length) of a datagram
/// between `sport` and `dport`: the inner packet of a tunnel, or NotTcp.
DecodeStatus udp_tunnel(Walk& w, uint16_t sport, uint16_t dport, const uint8_t* p, uint32_t len);

// One function per tunnel, each in its own file. Each returns NotTcp when the
// header is not valid for its protocol.
DecodeStatus vxlan(Walk& w, const uint8_t* p, uint32_t len);      // tunnel.cpp, UDP 4789
DecodeStatus geneve(Walk& w, const uint8_t* p, uint32_t len);     // geneve.cpp, UDP 6081
DecodeStatus gtpu(Walk& w, const uint8_t* p, uint32_t len);       // gtpu.cpp, UDP 2152
DecodeStatus l2tp(Walk& w, const uint8_t* p, uint32_t len);       // l2tp.cpp, UDP 1701
DecodeStatus teredo(Walk& w, const uint8_t* p, uint32_t len);     // teredo.cpp, UDP 3544
DecodeStatus vxlan_gpe(Walk& w, const uint8_t* p, uint32_t len);  // vxlan_gpe.cpp, UDP 4790

/// A header of `need` bytes does not fit in `len`: Truncated when the capture
/// cut the frame short (the header may well be there), else the datagram is
/// simply too short to be this tunnel (NotTcp).
inline DecodeStatus short_tunnel_header(const Walk& w) {
    return w.snapped ? DecodeStatus::Truncated : DecodeStatus::NotTcp;
}

}  // namespace decode
}  // namespace tcpflow
