// Link-layer framings: what sits in front of the network layer for each DLT.
// DLT numbers are spelled out here rather than taken from <pcap.h>, whose
// DLT_RAW differs between platforms; these are the values found in files.
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

namespace dlt {
enum : int {
    Null = 0, En10mb = 1, TokenRing = 6, Arcnet = 7, Ppp = 9, Fddi = 10, Raw12 = 12, Raw14 = 14,
    PppSerial = 50, PppEther = 51, AtmRfc1483 = 100, Raw = 101, CHdlc = 104, Ieee80211 = 105,
    Loop = 108, Enc = 109, LinuxSll = 113, Pflog = 117, Prism = 119, Radiotap = 127,
    ArcnetLinux = 129, Avs = 163, GprsLlc = 169, Ppi = 192, Erf = 197, MplsRaw = 219, Ipnet = 226,
    Ipv4 = 228, Ipv6 = 229, Nflog = 239, NetAnalyzer = 240, NetAnalyzerTransparent = 241,
    Ipoib = 242, Pktap = 258, EthernetMpacket = 274, LinuxSll2 = 276,
};
}  // namespace dlt

namespace {

// BSD loopback: the address family in the byte order of the capturing host
// (NULL) or network order (LOOP); accept either. AF_INET6 is 24, 28 or 30
// depending on the BSD that wrote the file.
DecodeStatus bsd_loopback(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 4) return DecodeStatus::Truncated;
    const uint32_t be = net::be32(p), le = net::le32(p);
    auto is = [&](uint32_t af) { return be == af || le == af; };
    if (is(2)) return ipv4(w, p + 4, len - 4);
    if (is(24) || is(28) || is(30)) return ipv6(w, p + 4, len - 4);
    return DecodeStatus::NotIp;
}

constexpr uint16_t kSllLlc = 0x0004;

// Linux cooked capture v1: 16-byte header, protocol (an ethertype) last.
DecodeStatus linux_sll(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 16) return DecodeStatus::Truncated;
    const uint16_t proto = net::be16(p + 14);
    if (proto == kSllLlc) return llc(w, p + 16, len - 16);  // ETH_P_802_2: 802.2 frames
    return ethertype(w, proto, p + 16, len - 16);
}

// Linux cooked capture v2: 20-byte header, protocol first.
DecodeStatus linux_sll2(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 20) return DecodeStatus::Truncated;
    return ethertype(w, net::be16(p), p + 20, len - 20);
}

// Cisco HDLC: address (0x0f unicast / 0x8f broadcast), control, ethertype.
DecodeStatus cisco_hdlc(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 4) return DecodeStatus::Truncated;
    return ethertype(w, net::be16(p + 2), p + 4, len - 4);
}

// DLT_PPP_SERIAL carries PPP in HDLC-like framing, or Cisco HDLC; so do some
// files labelled DLT_PPP (routers' serial captures). 0x0f/0x8f cannot start PPP:
// neither is ff-03 nor a valid protocol number.
DecodeStatus ppp_serial(Walk& w, const uint8_t* p, uint32_t len) {
    if (len >= 1 && (p[0] == 0x0f || p[0] == 0x8f)) return cisco_hdlc(w, p, len);
    return ppp(w, p, len);
}

// IEEE 802.3br mPacket: 7 preamble bytes, then a Start mPacket Delimiter.
// Express frames and the first fragment of a preemptable frame start a real
// Ethernet header; continuation fragments have no header to decode.
DecodeStatus ethernet_mpacket(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 8) return DecodeStatus::Truncated;
    switch (p[7]) {
        case 0xd5:                                      // SMD-E (express)
        case 0xe6: case 0x4c: case 0x7f: case 0xb3:     // SMD-S0..S3 (start fragment)
            return ethernet(w, p + 8, len - 8);
        default:
            return DecodeStatus::NotIp;                 // SMD-C (continuation), or unknown
    }
}

// Raw IP whose linktype names the version: trust the bytes, not the label.
DecodeStatus raw_ip_of(Walk& w, uint8_t version, const uint8_t* p, uint32_t len) {
    if (len < 1) return DecodeStatus::Truncated;
    if ((p[0] >> 4) != version) return DecodeStatus::Malformed;
    return version == 4 ? ipv4(w, p, len) : ipv6(w, p, len);
}

}  // namespace

using LinkLayer = DecodeStatus (*)(Walk&, const uint8_t*, uint32_t);

namespace {
DecodeStatus ipv4_only(Walk& w, const uint8_t* p, uint32_t len) { return raw_ip_of(w, 4, p, len); }
DecodeStatus ipv6_only(Walk& w, const uint8_t* p, uint32_t len) { return raw_ip_of(w, 6, p, len); }
DecodeStatus plain_80211(Walk& w, const uint8_t* p, uint32_t len) { return ieee80211(w, p, len, kWlanPlain); }
DecodeStatus netanalyzer_plain(Walk& w, const uint8_t* p, uint32_t len) { return netanalyzer(w, p, len, false); }
DecodeStatus netanalyzer_transparent(Walk& w, const uint8_t* p, uint32_t len) { return netanalyzer(w, p, len, true); }

// The one list of link types decoded: link_frame and Decoder::supports_dlt both read it.
LinkLayer layer_for(int type) {
    switch (type) {
        case dlt::Null:
        case dlt::Loop: return bsd_loopback;
        case dlt::En10mb: return ethernet;
        case dlt::TokenRing: return token_ring;
        case dlt::Arcnet: return arcnet_bsd;
        case dlt::Ppp:
        case dlt::PppSerial: return ppp_serial;
        case dlt::Fddi: return fddi;
        case dlt::CHdlc: return cisco_hdlc;
        case dlt::PppEther: return pppoe_session;
        case dlt::AtmRfc1483: return llc;
        case dlt::Raw12:
        case dlt::Raw14:
        case dlt::Raw: return ip_any;
        case dlt::Ipv4: return ipv4_only;
        case dlt::Ipv6: return ipv6_only;
        case dlt::Ieee80211: return plain_80211;
        case dlt::Enc: return enc;
        case dlt::LinuxSll: return linux_sll;
        case dlt::Pflog: return pflog;
        case dlt::Prism: return prism;
        case dlt::Radiotap: return radiotap;
        case dlt::ArcnetLinux: return arcnet_linux;
        case dlt::Avs: return avs_header;
        case dlt::GprsLlc: return gprs_llc;
        case dlt::Ppi: return ppi;
        case dlt::Erf: return erf;
        case dlt::MplsRaw: return mpls;
        case dlt::Ipnet: return ipnet;
        case dlt::Nflog: return nflog;
        case dlt::NetAnalyzer: return netanalyzer_plain;
        case dlt::NetAnalyzerTransparent: return netanalyzer_transparent;
        case dlt::Ipoib: return ipoib;
        case dlt::Pktap: return pktap;
        case dlt::LinuxSll2: return linux_sll2;
        case dlt::EthernetMpacket: return ethernet_mpacket;
        default: return nullptr;
    }
}
}  // namespace

DecodeStatus link_frame(Walk& w, int type, const uint8_t* p, uint32_t len) {
    const LinkLayer layer = layer_for(type);
    // Reached only from a header that names another link type (PPI, PKTAP):
    // the top level never calls with a type supports_dlt refused.
    return layer ? layer(w, p, len) : DecodeStatus::NotIp;
}

}  // namespace decode

bool Decoder::supports_dlt(int type) { return decode::layer_for(type) != nullptr; }

}  // namespace tcpflow
