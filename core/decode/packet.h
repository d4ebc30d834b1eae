// What the decoder hands to the flow layer: one TCP segment with its identity.
// Pointers point into the captured frame (or into the defragmenter's buffer)
// and are valid only until the next call to Decoder::decode.
#pragma once
#include <cstdint>
#include <cstddef>
#include "util/timestamp.h"

namespace tcpflow {

enum TcpFlags : uint8_t {
    kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10, kUrg = 0x20,
};

struct TcpSegment {
    Timestamp ts;
    uint32_t caplen = 0;   // of the whole pcap record
    uint32_t wirelen = 0;  // of the whole pcap record
    uint8_t family = 0;    // 4 or 6
    uint8_t src[16] = {};  // IPv4 uses the first 4 bytes, the rest stay 0
    uint8_t dst[16] = {};
    uint16_t sport = 0, dport = 0;
    bool has_vlan = false;
    uint16_t vlan = 0;     // 12-bit VID of the outermost 802.1Q/802.1ad tag
    bool has_mac = false;  // Ethernet only: MACs of the outermost Ethernet header
    uint8_t mac_src[6] = {}, mac_dst[6] = {};
    uint32_t seq = 0, ack = 0;
    uint8_t flags = 0;     // TcpFlags
    const uint8_t* payload = nullptr;
    uint32_t payload_len = 0;
    // The whole captured frame the segment came from (set by the caller of the
    // decoder, for sinks that copy packets, e.g. -K per-flow pcaps).
    const uint8_t* frame = nullptr;
    int frame_dlt = 0;       // bytes readable at `payload`
    // Payload length the IP header declares. Larger than payload_len when the
    // capture cut the packet short (snaplen): the sequence space still advances
    // by this much, the missing tail is a gap.
    uint32_t payload_wire_len = 0;
};

}  // namespace tcpflow
