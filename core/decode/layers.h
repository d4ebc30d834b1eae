// The decoder's layers, each a function over (bytes, captured length). Private
// to core/decode: Decoder::decode is the only entry point for the rest of the core.
#pragma once
#include <cstdint>
#include "decode/decoder.h"

namespace tcpflow {
namespace decode {

/// Per-frame state threaded through the layers: lives on Decoder::decode's stack.
struct Walk {
    TcpSegment& out;
    Defragmenter& defrag;
    DecoderStats& stats;
    const Timestamp& ts;
    // The capture cut this frame short (caplen < wirelen). Only then can an IP
    // length beyond the bytes at hand be true; otherwise the header lies, or an
    // outer layer (PPPoE) declared the packet shorter, and what is at hand wins.
    bool snapped = false;
    int depth = 0;  // headers entered so far (each Ethernet, IP header and reassembly)
    bool had_fragment = false;  // the frame carried an IP fragment (of datagram `fragment`)
    FragmentKey fragment{};
};

/// Deepest stack of Ethernet/IP headers followed: room for about 8 tunnels.
/// Every layer that can lead back to an earlier one enters, so hostile nesting
/// cannot recurse deeply.
constexpr int kMaxDepth = 16;

/// Enters one more layer; false when the nesting is too deep.
inline bool enter(Walk& w) { return ++w.depth <= kMaxDepth; }

// Link layers (link.cpp).
DecodeStatus link_frame(Walk& w, int dlt, const uint8_t* p, uint32_t len);
// Ethernet and what rides directly on ethertypes (ethernet.cpp, mpls.cpp, ppp.cpp).
DecodeStatus ethernet(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus ethertype(Walk& w, uint16_t type, const uint8_t* p, uint32_t len);
DecodeStatus mpls(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus pppoe_session(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus ppp(Walk& w, const uint8_t* p, uint32_t len);
// 802.2 LLC/SNAP (llc.cpp) and the media that carry it (lan_mac.cpp, ieee80211.cpp,
// radio_headers.cpp); link types with headers of their own (nflog.cpp, pflog.cpp,
// arcnet.cpp, ipoib.cpp, gprs_llc.cpp); CAPWAP's data channel (capwap.cpp).
DecodeStatus llc(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus fddi(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus token_ring(Walk& w, const uint8_t* p, uint32_t len);
/// How an 802.11 frame is laid out beyond the standard (bits of `how`).
enum Ieee80211Layout : unsigned {
    kWlanPlain = 0,
    kWlanPadded = 1,     // the payload starts at the next 4-byte boundary (radiotap's flag)
    kWlanSwappedFc = 2,  // the frame control bytes may be swapped (Cisco CAPWAP access points)
};
DecodeStatus ieee80211(Walk& w, const uint8_t* p, uint32_t len, unsigned how);
DecodeStatus radiotap(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus prism(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus avs_header(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus ppi(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus nflog(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus pflog(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus arcnet_bsd(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus arcnet_linux(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus ipoib(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus gprs_llc(Walk& w, const uint8_t* p, uint32_t len);
// Capture software's own headers (capture_headers.cpp).
DecodeStatus ipnet(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus enc(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus pktap(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus netanalyzer(Walk& w, const uint8_t* p, uint32_t len, bool transparent);
DecodeStatus erf(Walk& w, const uint8_t* p, uint32_t len);  // erf.cpp
/// `udp` is the UDP header of a datagram to port 5247; `cap` bytes readable.
DecodeStatus capwap_data(Walk& w, const uint8_t* p, uint32_t len);  // the UDP payload
// IP (ipv4.cpp, ipv6.cpp). ip_any picks the version from the first nibble.
DecodeStatus ip_any(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus ipv4(Walk& w, const uint8_t* p, uint32_t len);
DecodeStatus ipv6(Walk& w, const uint8_t* p, uint32_t len);
/// What an IP header carries. `cap` bytes are readable; `wire` is the length the
/// IP header declares (>= cap; larger when the capture was cut short).
DecodeStatus ip_payload(Walk& w, uint8_t proto, const uint8_t* p, uint32_t cap, uint32_t wire);
/// Offer a fragment to the defragmenter. True when its datagram completed (`r`
/// holds it and the walk entered it); otherwise `status` says what to return.
bool defragment(Walk& w, const Fragment& f, Reassembled& r, DecodeStatus& status);
// Tunnels (tunnel.cpp) and TCP (tcp.cpp).
DecodeStatus gre(Walk& w, const uint8_t* p, uint32_t cap);
DecodeStatus l2tpv3_ip(Walk& w, const uint8_t* p, uint32_t cap);  // l2tp.cpp
DecodeStatus udp(Walk& w, const uint8_t* p, uint32_t cap, uint32_t wire);
DecodeStatus tcp(Walk& w, const uint8_t* p, uint32_t cap, uint32_t wire);

}  // namespace decode
}  // namespace tcpflow
