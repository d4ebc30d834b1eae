#include "packet_classifier.h"

namespace tcpflow {
namespace netviz {

namespace {

// Link types as they appear in capture files (DLT_RAW differs between
// platforms' <pcap.h>, so the numbers are spelled out).
enum : int {
    kDltNull = 0, kDltEthernet = 1, kDltPpp = 9, kDltRaw12 = 12, kDltRaw14 = 14,
    kDltPppSerial = 50, kDltRaw = 101, kDltCiscoHdlc = 104, kDltLoop = 108,
    kDltLinuxSll = 113, kDltIpv4 = 228, kDltIpv6 = 229, kDltLinuxSll2 = 276,
};

enum : uint16_t {
    kEtherIpv4 = 0x0800, kEtherArp = 0x0806, kEtherRarp = 0x8035, kEtherIpv6 = 0x86dd,
    kEtherVlan = 0x8100, kEtherQinQ = 0x88a8, kEtherVlanOld = 0x9100,
};

// A VLAN stack deeper than this is not a real frame.
constexpr int kMaxVlanTags = 8;
// IPv6 extension headers walked before giving up on finding ports.
constexpr int kMaxIpv6Extensions = 8;

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
uint32_t le32(const uint8_t* p) { return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0]; }

bool protocol_has_ports(uint8_t proto) {
    return proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136;  // TCP UDP DCCP SCTP UDP-Lite
}

void read_ports(PacketFacts& f, uint8_t proto, const uint8_t* p, uint32_t len) {
    f.ip_protocol = proto;
    if (!protocol_has_ports(proto) || len < 4) return;
    f.has_ports = true;
    f.sport = be16(p);
    f.dport = be16(p + 2);
}

void ipv4(PacketFacts& f, const uint8_t* p, uint32_t len) {
    if (len < 20 || (p[0] >> 4) != 4) return;
    const uint32_t header = (p[0] & 0x0f) * 4u;
    f.has_addresses = true;
    f.src = NetAddress::v4(p + 12);
    f.dst = NetAddress::v4(p + 16);
    f.ip_protocol = p[9];
    const bool first_fragment = (be16(p + 6) & 0x1fff) == 0;
    if (header >= 20 && header <= len && first_fragment) read_ports(f, p[9], p + header, len - header);
}

void ipv6(PacketFacts& f, const uint8_t* p, uint32_t len) {
    if (len < 40 || (p[0] >> 4) != 6) return;
    f.has_addresses = true;
    f.src = NetAddress::v6(p + 8);
    f.dst = NetAddress::v6(p + 24);
    uint8_t next = p[6];
    uint32_t off = 40;
    for (int i = 0; i < kMaxIpv6Extensions; ++i) {
        f.ip_protocol = next;
        if (off > len) return;
        const uint8_t* h = p + off;
        const bool whole_extension = off + 8 <= len;
        switch (next) {
            case 0: case 43: case 60: case 135: case 139: case 140:  // options, routing, ... (8-octet units)
                if (!whole_extension) return;
                next = h[0];
                off += (h[1] + 1u) * 8u;
                continue;
            case 51:  // AH counts 4-octet units
                if (!whole_extension) return;
                next = h[0];
                off += (h[1] + 2u) * 4u;
                continue;
            case 44:  // fragment: ports only in the first one
                if (!whole_extension) return;
                if ((be16(h + 2) & 0xfff8) != 0) {
                    f.ip_protocol = h[0];
                    return;
                }
                next = h[0];
                off += 8;
                continue;
            default:
                read_ports(f, next, h, len - off);
                return;
        }
    }
}

// Picks the IP version from the first nibble (raw IP link types).
void ip_any(PacketFacts& f, const uint8_t* p, uint32_t len) {
    if (len < 1) return;
    if ((p[0] >> 4) == 4) {
        f.transport = Transport::Ipv4;
        ipv4(f, p, len);
    } else if ((p[0] >> 4) == 6) {
        f.transport = Transport::Ipv6;
        ipv6(f, p, len);
    }
}

void ethertype(PacketFacts& f, uint16_t type, const uint8_t* p, uint32_t len) {
    bool tagged = false;
    for (int tags = 0; (type == kEtherVlan || type == kEtherQinQ || type == kEtherVlanOld) && tags < kMaxVlanTags;
         ++tags) {
        if (len < 4) {
            f.transport = Transport::Vlan;
            return;
        }
        tagged = true;
        type = be16(p + 2);
        p += 4;
        len -= 4;
    }
    if (type == kEtherIpv4) {
        f.transport = Transport::Ipv4;
        ipv4(f, p, len);
    } else if (type == kEtherIpv6) {
        f.transport = Transport::Ipv6;
        ipv6(f, p, len);
    } else if (type == kEtherArp || type == kEtherRarp) {
        f.transport = Transport::Arp;
    }
    if (tagged) f.transport = Transport::Vlan;
}

void ethernet(PacketFacts& f, const uint8_t* p, uint32_t len) {
    if (len < 14) return;
    const uint16_t type = be16(p + 12);
    if (type < 0x0600) return;  // 802.3 length field: LLC, not an ethertype
    ethertype(f, type, p + 14, len - 14);
}

// BSD loopback: the address family in host order (NULL) or network order
// (LOOP); the writer's byte order is unknown, so accept both.
void bsd_loopback(PacketFacts& f, const uint8_t* p, uint32_t len) {
    if (len < 4) return;
    const uint32_t be = be32(p), le = le32(p);
    auto is = [&](uint32_t af) { return be == af || le == af; };
    if (is(2)) {
        f.transport = Transport::Ipv4;
        ipv4(f, p + 4, len - 4);
    } else if (is(24) || is(28) || is(30)) {  // AF_INET6 of the various BSDs
        f.transport = Transport::Ipv6;
        ipv6(f, p + 4, len - 4);
    }
}

void ppp(PacketFacts& f, const uint8_t* p, uint32_t len) {
    if (len >= 2 && p[0] == 0xff && p[1] == 0x03) {  // HDLC address/control
        p += 2;
        len -= 2;
    }
    if (len < 2) return;
    const uint16_t proto = be16(p);
    if (proto == 0x0021) {
        f.transport = Transport::Ipv4;
        ipv4(f, p + 2, len - 2);
    } else if (proto == 0x0057) {
        f.transport = Transport::Ipv6;
        ipv6(f, p + 2, len - 2);
    }
}

}  // namespace

const char* transport_name(Transport t) {
    switch (t) {
        case Transport::Ipv4: return "IPv4";
        case Transport::Ipv6: return "IPv6";
        case Transport::Arp: return "ARP";
        case Transport::Vlan: return "VLAN";
        case Transport::Other: break;
    }
    return "Other";
}

PacketFacts classify_packet(int dlt, const uint8_t* p, uint32_t len) {
    PacketFacts f;
    if (!p) return f;
    switch (dlt) {
        case kDltEthernet: ethernet(f, p, len); break;
        case kDltNull:
        case kDltLoop: bsd_loopback(f, p, len); break;
        case kDltRaw12:
        case kDltRaw14:
        case kDltRaw:
        case kDltIpv4:
        case kDltIpv6: ip_any(f, p, len); break;
        case kDltLinuxSll:
            if (len >= 16) ethertype(f, be16(p + 14), p + 16, len - 16);
            break;
        case kDltLinuxSll2:
            if (len >= 20) ethertype(f, be16(p), p + 20, len - 20);
            break;
        case kDltPpp:
        case kDltPppSerial: ppp(f, p, len); break;
        case kDltCiscoHdlc:
            if (len >= 4) ethertype(f, be16(p + 2), p + 4, len - 4);
            break;
        default: break;
    }
    return f;
}

}  // namespace netviz
}  // namespace tcpflow
