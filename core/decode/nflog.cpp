// Linux NFLOG (linktype 239): a 4-byte header (address family, version,
// resource id), then netlink TLVs; the packet is the NFULA_PAYLOAD TLV.
// TLV lengths and types are in the byte order of the host that captured.
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

namespace {
enum : uint16_t { kNfulaPayload = 9, kNlaTypeMask = 0x3fff };
enum : uint8_t { kAfInet = 2, kAfInet6 = 10 };

inline uint16_t le16(const uint8_t* p) { return uint16_t(p[0] | p[1] << 8); }

// The first TLV's length is plausible in one byte order only (a TLV is at
// least 4 bytes and at most what is left); little-endian hosts are the rule.
bool little_endian_tlvs(const uint8_t* tlv, uint32_t left) {
    const uint32_t l = le16(tlv);
    return l >= 4 && l <= left;
}
}  // namespace

DecodeStatus nflog(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 4) return DecodeStatus::Truncated;
    if (p[1] != 0) return DecodeStatus::Malformed;  // version 0 is the only one
    const uint8_t family = p[0];
    uint32_t off = 4;
    const bool le = len - off < 4 || little_endian_tlvs(p + off, len - off);
    while (len - off >= 4) {
        uint32_t tl = le ? le16(p + off) : net::be16(p + off);
        const uint16_t type = (le ? le16(p + off + 2) : net::be16(p + off + 2)) & kNlaTypeMask;
        if (tl < 4) return DecodeStatus::Malformed;
        if (tl > len - off) {
            // The snap length cut the packet: decode what was captured of it.
            if (!w.snapped || type != kNfulaPayload) return DecodeStatus::Truncated;
            tl = len - off;
        }
        if (type == kNfulaPayload) {
            const uint8_t* ip = p + off + 4;
            const uint32_t ip_len = tl - 4;
            if (family == kAfInet) return ipv4(w, ip, ip_len);
            if (family == kAfInet6) return ipv6(w, ip, ip_len);
            return ip_any(w, ip, ip_len);  // AF_UNSPEC, bridge: trust the version nibble
        }
        const uint32_t padded = (tl + 3) & ~3u;
        if (padded >= len - off) break;
        off += padded;
    }
    if (w.snapped) return DecodeStatus::Truncated;
    return DecodeStatus::NotIp;  // no payload logged (a rule with a zero copy range)
}

}  // namespace decode
}  // namespace tcpflow
