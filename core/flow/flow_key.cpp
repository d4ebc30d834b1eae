#include "flow/flow_key.h"

namespace tcpflow {

namespace {
// FNV-1a over a byte range: cheap, good enough spread for a hash map.
inline uint64_t fnv1a(uint64_t h, const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}
constexpr uint64_t kFnvBasis = 14695981039346656037ull;

uint64_t endpoint_hash(const uint8_t* addr, uint16_t port, size_t addr_len) {
    uint64_t h = fnv1a(kFnvBasis, addr, addr_len);
    uint8_t p[2] = {uint8_t(port >> 8), uint8_t(port)};
    return fnv1a(h, p, 2);
}
}  // namespace

uint64_t FlowKey::symmetric_hash() const {
    size_t n = family == 6 ? 16 : 4;
    // Addition commutes, so both directions of a connection hash alike.
    return endpoint_hash(src, sport, n) + endpoint_hash(dst, dport, n) + (has_vlan ? vlan + 1u : 0u);
}

FlowKey flow_key_of(const TcpSegment& s) {
    FlowKey k;
    k.family = s.family;
    k.has_vlan = s.has_vlan;
    k.vlan = s.has_vlan ? s.vlan : 0;
    k.sport = s.sport;
    k.dport = s.dport;
    std::memcpy(k.src, s.src, 16);
    std::memcpy(k.dst, s.dst, 16);
    return k;
}

size_t FlowKeyHash::operator()(const FlowKey& k) const {
    size_t n = k.family == 6 ? 16 : 4;
    uint64_t h = fnv1a(kFnvBasis, k.src, n);
    h = fnv1a(h, k.dst, n);
    uint8_t rest[7] = {uint8_t(k.sport >> 8), uint8_t(k.sport), uint8_t(k.dport >> 8), uint8_t(k.dport),
                       uint8_t(k.vlan >> 8),  uint8_t(k.vlan),  uint8_t(k.has_vlan | (k.family << 1))};
    return static_cast<size_t>(fnv1a(h, rest, sizeof rest));
}

}  // namespace tcpflow
