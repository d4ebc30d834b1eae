// Link-layer framings: what sits in front of the network layer for each DLT.
// DLT numbers are spelled out here rather than taken from <pcap.h>, whose
// DLT_RAW differs between platforms; these are the values found in files.
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

namespace dlt {
enum : int {
    Null = 0, En10mb = 1, Ppp = 9, Raw12 = 12, Raw14 = 14, PppSerial = 50, PppEther = 51,
    Raw = 101, CHdlc = 104, Loop = 108, LinuxSll = 113, Ipv4 = 228, Ipv6 = 229,
    EthernetMpacket = 274, LinuxSll2 = 276,
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

// Linux cooked capture v1: 16-byte header, protocol (an ethertype) last.
DecodeStatus linux_sll(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 16) return DecodeStatus::Truncated;
    return ethertype(w, net::be16(p + 14), p + 16, len - 16);
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

// DLT_PPP_SERIAL carries PPP in HDLC-like framing, or Cisco HDLC.
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

DecodeStatus link_frame(Walk& w, int type, const uint8_t* p, uint32_t len) {
    switch (type) {
        case dlt::Null:
        case dlt::Loop: return bsd_loopback(w, p, len);
        case dlt::En10mb: return ethernet(w, p, len);
        case dlt::Ppp: return ppp(w, p, len);
        case dlt::PppSerial: return ppp_serial(w, p, len);
        case dlt::CHdlc: return cisco_hdlc(w, p, len);
        case dlt::PppEther: return pppoe_session(w, p, len);
        case dlt::Raw12:
        case dlt::Raw14:
        case dlt::Raw: return ip_any(w, p, len);
        case dlt::Ipv4: return raw_ip_of(w, 4, p, len);
        case dlt::Ipv6: return raw_ip_of(w, 6, p, len);
        case dlt::LinuxSll: return linux_sll(w, p, len);
        case dlt::LinuxSll2: return linux_sll2(w, p, len);
        case dlt::EthernetMpacket: return ethernet_mpacket(w, p, len);
        default: return DecodeStatus::NotIp;
    }
}

}  // namespace decode

bool Decoder::supports_dlt(int type) {
    switch (type) {
        case decode::dlt::Null: case decode::dlt::En10mb: case decode::dlt::Ppp:
        case decode::dlt::Raw12: case decode::dlt::Raw14: case decode::dlt::PppSerial:
        case decode::dlt::PppEther: case decode::dlt::Raw: case decode::dlt::CHdlc:
        case decode::dlt::Loop: case decode::dlt::LinuxSll: case decode::dlt::Ipv4:
        case decode::dlt::Ipv6: case decode::dlt::EthernetMpacket: case decode::dlt::LinuxSll2:
            return true;
        default:
            return false;
    }
}

}  // namespace tcpflow
