// What netviz needs to know about one captured packet, read straight from the
// link-layer bytes: netviz sees every packet (ARP, UDP, ICMP, ...), not only
// the TCP segments the core decodes, so it does its own light parsing.
#ifndef TCPFLOW_NETVIZ_PACKET_CLASSIFIER_H
#define TCPFLOW_NETVIZ_PACKET_CLASSIFIER_H

#include <cstdint>

#include "net_address.h"

namespace tcpflow {
namespace netviz {

/// The "transports" share of the report header. A VLAN-tagged frame counts
/// as VLAN whatever it carries (as in tcpflow 1.6, which went by the outer
/// ethertype); its inner addresses are still extracted.
enum class Transport : uint8_t { Ipv4 = 0, Ipv6, Arp, Vlan, Other };
constexpr int kTransportCount = 5;
const char* transport_name(Transport t);

struct PacketFacts {
    Transport transport = Transport::Other;
    bool has_addresses = false;
    NetAddress src, dst;
    bool has_ports = false;  // TCP, UDP, SCTP or DCCP, first fragment only
    uint8_t ip_protocol = 0;
    uint16_t sport = 0, dport = 0;
};

/// Classifies the captured bytes of a packet with libpcap link type `dlt`.
/// Never reads past `caplen`; what cannot be parsed is Transport::Other.
PacketFacts classify_packet(int dlt, const uint8_t* data, uint32_t caplen);

}  // namespace netviz
}  // namespace tcpflow

#endif
