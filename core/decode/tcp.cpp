// TCP: the segment handed to the flow layer.
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

DecodeStatus tcp(Walk& w, const uint8_t* p, uint32_t cap, uint32_t wire) {
    if (wire < 20) return DecodeStatus::Malformed;
    if (cap < 20) return DecodeStatus::Truncated;
    const uint32_t hl = (p[12] >> 4) * 4u;
    if (hl < 20 || hl > wire) return DecodeStatus::Malformed;
    if (hl > cap) return DecodeStatus::Truncated;
    TcpSegment& o = w.out;
    o.sport = net::be16(p);
    o.dport = net::be16(p + 2);
    o.seq = net::be32(p + 4);
    o.ack = net::be32(p + 8);
    o.flags = p[13];
    o.payload = p + hl;
    o.payload_len = cap - hl;
    o.payload_wire_len = wire - hl;
    return DecodeStatus::Tcp;
}

}  // namespace decode
}  // namespace tcpflow
