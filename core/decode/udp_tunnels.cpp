// Which UDP ports lead to which tunnel decoder.
#include "decode/udp_tunnels.h"

namespace tcpflow {
namespace decode {

namespace {

struct UdpTunnel {
    uint16_t port;
    // Teredo and L2TP run between a well-known port and an arbitrary one in both
    // directions; the others are addressed to their port (the source port is an
    // entropy hash).
    bool either_side;
    DecodeStatus (*decode)(Walk&, const uint8_t*, uint32_t);
};

constexpr UdpTunnel kUdpTunnels[] = {
    {4789, false, vxlan},      // RFC 7348
    {4790, false, vxlan_gpe},  // draft-ietf-nvo3-vxlan-gpe
    {6081, false, geneve},     // RFC 8926
    {2152, false, gtpu},       // 3GPP TS 29.281
    {1701, true, l2tp},        // RFC 2661
    {3544, true, teredo},      // RFC 4380
    {5247, true, capwap_data}, // RFC 5415 data channel (802.11 from access points)
};

}  // namespace

DecodeStatus udp_tunnel(Walk& w, uint16_t sport, uint16_t dport, const uint8_t* p, uint32_t len) {
    for (const UdpTunnel& t : kUdpTunnels)
        if (dport == t.port || (t.either_side && sport == t.port)) return t.decode(w, p, len);
    return DecodeStatus::NotTcp;
}

}  // namespace decode
}  // namespace tcpflow
