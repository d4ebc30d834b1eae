// Builds link-layer frames byte by byte for the tests: Ethernet (with VLAN
// tags), Linux cooked, BSD loopback and raw IP, carrying IPv4/IPv6 with
// TCP/UDP headers or ARP.
#ifndef TCPFLOW_NETVIZ_TESTS_PACKET_BUILDER_H
#define TCPFLOW_NETVIZ_TESTS_PACKET_BUILDER_H

#include <arpa/inet.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tcpflow {
namespace netviz {
namespace test {

using Bytes = std::vector<uint8_t>;

inline void put16(Bytes& b, uint16_t v) {
    b.push_back(static_cast<uint8_t>(v >> 8));
    b.push_back(static_cast<uint8_t>(v));
}
inline void append(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }

inline Bytes ports_header(uint16_t sport, uint16_t dport, size_t header_len) {
    Bytes b;
    put16(b, sport);
    put16(b, dport);
    b.resize(header_len, 0);
    return b;
}
inline Bytes tcp(uint16_t sport, uint16_t dport) { return ports_header(sport, dport, 20); }
inline Bytes udp(uint16_t sport, uint16_t dport) { return ports_header(sport, dport, 8); }

/// IPv4 header (no options) + payload. frag_offset in 8-byte units.
inline Bytes ipv4(const char* src, const char* dst, uint8_t proto, const Bytes& payload, uint16_t frag_offset = 0) {
    Bytes b = {0x45, 0};
    put16(b, static_cast<uint16_t>(20 + payload.size()));
    put16(b, 1);
    put16(b, frag_offset);
    b.push_back(64);
    b.push_back(proto);
    put16(b, 0);
    b.resize(20);
    inet_pton(AF_INET, src, &b[12]);
    inet_pton(AF_INET, dst, &b[16]);
    append(b, payload);
    return b;
}

/// IPv6 header + optional hop-by-hop options header (8 bytes) + payload.
inline Bytes ipv6(const char* src, const char* dst, uint8_t proto, const Bytes& payload, bool hop_by_hop = false) {
    Bytes b = {0x60, 0, 0, 0};
    put16(b, static_cast<uint16_t>(payload.size() + (hop_by_hop ? 8 : 0)));
    b.push_back(hop_by_hop ? 0 : proto);
    b.push_back(64);
    b.resize(40);
    inet_pton(AF_INET6, src, &b[8]);
    inet_pton(AF_INET6, dst, &b[24]);
    if (hop_by_hop) append(b, Bytes{proto, 0, 1, 4, 0, 0, 0, 0});
    append(b, payload);
    return b;
}

inline Bytes arp_request() { return Bytes(28, 0x01); }

/// Ethernet frame; each VLAN id adds an 802.1Q tag (the first with tpid).
inline Bytes ethernet(uint16_t ethertype, const Bytes& payload, const std::vector<uint16_t>& vlans = {},
                      uint16_t tpid = 0x8100) {
    Bytes b(12, 0xaa);
    for (size_t i = 0; i < vlans.size(); ++i) {
        put16(b, i == 0 ? tpid : 0x8100);
        put16(b, vlans[i]);
    }
    put16(b, ethertype);
    append(b, payload);
    return b;
}

inline Bytes linux_sll(uint16_t protocol, const Bytes& payload) {
    Bytes b(14, 0);
    put16(b, protocol);
    append(b, payload);
    return b;
}

inline Bytes linux_sll2(uint16_t protocol, const Bytes& payload) {
    Bytes b;
    put16(b, protocol);
    b.resize(20, 0);
    append(b, payload);
    return b;
}

/// BSD loopback header with the address family in little- or big-endian order.
inline Bytes bsd_loopback(uint32_t family, bool little_endian, const Bytes& payload) {
    Bytes b(4);
    for (int i = 0; i < 4; ++i) b[little_endian ? i : 3 - i] = static_cast<uint8_t>(family >> (8 * i));
    append(b, payload);
    return b;
}

}  // namespace test
}  // namespace netviz
}  // namespace tcpflow

#endif
