// IPv4: header checks, payload bounds, fragments to the defragmenter.
#include "decode/layers.h"
#include "decode/wire.h"

#include <algorithm>
#include <cstring>

namespace tcpflow {
namespace decode {

namespace {

// A fragment goes to the defragmenter; when it completes its datagram, the
// datagram's payload is decoded from the defragmenter's buffer.
DecodeStatus ipv4_fragment(Walk& w, const uint8_t* p, uint32_t ihl, uint32_t cap, uint32_t total,
                           uint32_t offset, bool more) {
    ++w.stats.fragments;
    // Reassembling a fragment cut short by the snap length would leave a hole
    // that no retransmission can fill.
    if (cap < total) return DecodeStatus::Truncated;
    Fragment f;
    f.key.family = 4;
    f.key.proto = p[9];
    f.key.id = net::be16(p + 4);
    std::memcpy(f.key.src, p + 12, 4);
    std::memcpy(f.key.dst, p + 16, 4);
    f.offset = offset;
    f.data = p + ihl;
    f.len = total - ihl;
    f.more = more;
    f.next_proto = p[9];
    f.header = p;
    f.header_len = ihl;
    Reassembled r;
    DecodeStatus status;
    if (!defragment(w, f, r, status)) return status;
    return ip_payload(w, r.proto, r.payload, r.len, r.len);
}

}  // namespace

bool defragment(Walk& w, const Fragment& f, Reassembled& r, DecodeStatus& status) {
    w.had_fragment = true;
    w.fragment = f.key;
    switch (w.defrag.add(w.ts, f, r)) {
        case DefragResult::Held: status = DecodeStatus::FragmentHeld; return false;
        case DefragResult::Dropped: status = DecodeStatus::Malformed; return false;
        case DefragResult::Complete: break;
    }
    ++w.stats.datagrams_reassembled;
    if (!enter(w)) {
        status = DecodeStatus::Malformed;
        return false;
    }
    return true;
}

DecodeStatus ip_any(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 1) return DecodeStatus::Truncated;
    switch (p[0] >> 4) {
        case 4: return ipv4(w, p, len);
        case 6: return ipv6(w, p, len);
        default: return DecodeStatus::NotIp;
    }
}

DecodeStatus ipv4(Walk& w, const uint8_t* p, uint32_t len) {
    if (!enter(w)) return DecodeStatus::Malformed;
    if (len < 20) return DecodeStatus::Truncated;
    if ((p[0] >> 4) != 4) return DecodeStatus::Malformed;
    const uint32_t ihl = (p[0] & 0x0f) * 4u;
    if (ihl < 20) return DecodeStatus::Malformed;
    if (ihl > len) return DecodeStatus::Truncated;
    uint32_t total = net::be16(p + 2);
    // 0: TSO/LRO, the NIC fills the length in after capture.
    if (total == 0 || (total > len && !w.snapped)) total = len;
    if (total < ihl) return DecodeStatus::Malformed;
    // The total length, not the frame, bounds the payload: Ethernet padding is not data.
    const uint32_t cap = std::min(total, len);

    TcpSegment& o = w.out;
    o.family = 4;
    std::memset(o.src, 0, sizeof o.src);
    std::memset(o.dst, 0, sizeof o.dst);
    std::memcpy(o.src, p + 12, 4);
    std::memcpy(o.dst, p + 16, 4);

    const uint16_t frag = net::be16(p + 6);
    const bool more = frag & 0x2000;
    const uint32_t offset = (frag & 0x1fffu) * 8u;
    if (more || offset != 0) return ipv4_fragment(w, p, ihl, cap, total, offset, more);
    return ip_payload(w, p[9], p + ihl, cap - ihl, total - ihl);
}

DecodeStatus ip_payload(Walk& w, uint8_t proto, const uint8_t* p, uint32_t cap, uint32_t wire) {
    switch (proto) {
        case 6: return tcp(w, p, cap, wire);
        case 4: return ipv4(w, p, cap);   // IP in IP
        case 41: return ipv6(w, p, cap);  // IPv6 in IP
        case 47: return gre(w, p, cap);
        case 17: return udp(w, p, cap, wire);
        case 115: return l2tpv3_ip(w, p, cap);
        default: return DecodeStatus::NotTcp;
    }
}

}  // namespace decode
}  // namespace tcpflow
