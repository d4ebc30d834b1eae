// IPv6: the extension header chain, including fragments.
#include "decode/layers.h"
#include "decode/wire.h"

#include <algorithm>
#include <cstring>

namespace tcpflow {
namespace decode {

namespace {

enum : uint8_t {
    kHopByHop = 0, kRouting = 43, kFragment = 44, kEsp = 50, kAh = 51, kNoNext = 59,
    kDestOpts = 60, kMobility = 135, kHip = 139, kShim6 = 140,
};

// `n` bytes are needed: the header is malformed if the packet is declared
// shorter than that, truncated if only the capture is.
DecodeStatus short_of(uint32_t n, uint32_t wire) {
    return n > wire ? DecodeStatus::Malformed : DecodeStatus::Truncated;
}

DecodeStatus chain(Walk& w, uint8_t nh, const uint8_t* p, uint32_t cap, uint32_t wire);

DecodeStatus ipv6_fragment(Walk& w, const uint8_t* p, uint32_t cap, uint32_t wire) {
    ++w.stats.fragments;
    if (cap < wire) return DecodeStatus::Truncated;  // cannot be reassembled whole
    Fragment f;
    f.key.family = 6;
    f.key.id = net::be32(p + 4);
    std::memcpy(f.key.src, w.out.src, 16);
    std::memcpy(f.key.dst, w.out.dst, 16);
    f.offset = net::be16(p + 2) & 0xfff8u;
    f.more = p[3] & 0x01;
    f.next_proto = p[0];
    f.data = p + 8;
    f.len = wire - 8;
    Reassembled r;
    DecodeStatus status;
    if (!defragment(w, f, r, status)) return status;
    // The fragmentable part may start with more extension headers.
    return chain(w, r.proto, r.payload, r.len, r.len);
}

DecodeStatus chain(Walk& w, uint8_t nh, const uint8_t* p, uint32_t cap, uint32_t wire) {
    for (;;) {  // every pass consumes at least 8 bytes
        uint32_t hl = 0;
        switch (nh) {
            case kHopByHop: case kRouting: case kDestOpts: case kMobility: case kHip: case kShim6:
                if (cap < 2) return short_of(2, wire);
                hl = (p[1] + 1u) * 8u;
                break;
            case kAh:
                if (cap < 2) return short_of(2, wire);
                hl = (p[1] + 2u) * 4u;
                if (hl < 8) return DecodeStatus::Malformed;
                break;
            case kFragment: {
                if (cap < 8) return short_of(8, wire);
                const bool atomic = (net::be16(p + 2) & 0xfff9u) == 0;  // offset 0, M = 0
                if (!atomic) return ipv6_fragment(w, p, cap, wire);
                hl = 8;
                break;
            }
            case kEsp: case kNoNext:
                return DecodeStatus::NotTcp;
            default:
                return ip_payload(w, nh, p, cap, wire);
        }
        if (hl > wire) return DecodeStatus::Malformed;
        if (hl > cap) return DecodeStatus::Truncated;
        nh = p[0];
        p += hl;
        cap -= hl;
        wire -= hl;
    }
}

}  // namespace

DecodeStatus ipv6(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 40) return DecodeStatus::Truncated;
    if ((p[0] >> 4) != 6) return DecodeStatus::Malformed;
    const uint32_t plen = net::be16(p + 4);
    // plen 0 is a jumbogram (or TSO): take what was captured. A plen past the
    // bytes at hand is believed only when the capture was cut short.
    const uint32_t wire = plen == 0 || (plen > len - 40 && !w.snapped) ? len - 40 : plen;
    const uint32_t cap = std::min(wire, len - 40);

    TcpSegment& o = w.out;
    o.family = 6;
    std::memcpy(o.src, p + 8, 16);
    std::memcpy(o.dst, p + 24, 16);
    return chain(w, p[6], p + 40, cap, wire);
}

}  // namespace decode
}  // namespace tcpflow
