#include "flow/connection_id.h"

namespace tcpflow {

namespace {

// splitmix64's finaliser: every input bit reaches every output bit, so ids of connections
// that differ in one port or one microsecond look unrelated.
uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

struct Hasher {
    uint64_t h = 0x243f6a8885a308d3ull;  // any fixed start; part of the id's definition
    void add(uint64_t v) { h = mix(h ^ v) + 0x9e3779b97f4a7c15ull; }
    void add_bytes(const uint8_t* p, size_t n) {
        for (size_t i = 0; i < n; i += 8) {
            uint64_t v = 0;
            for (size_t j = i; j < i + 8 && j < n; ++j) v = v << 8 | p[j];
            add(v);
        }
    }
};

}  // namespace

uint64_t connection_id(const FlowKey& k, const Timestamp& start, uint32_t nth) {
    Hasher h;
    h.add(uint64_t(k.family) << 32 | uint64_t(k.has_vlan) << 16 | k.vlan);
    h.add(uint64_t(k.sport) << 16 | k.dport);
    const size_t len = k.family == 6 ? 16 : 4;
    h.add_bytes(k.src, len);
    h.add_bytes(k.dst, len);
    h.add(static_cast<uint64_t>(start.sec));
    h.add(start.nsec);
    h.add(nth);
    return mix(h.h);
}

std::string connection_id_text(uint64_t id) {
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string out(14, 'C');
    // 13 digits of 5 bits hold 65 bits: the first digit carries the top 4.
    for (int i = 13; i >= 1; --i) {
        out[size_t(i)] = digits[id & 31];
        id >>= 5;
    }
    return out;
}

}  // namespace tcpflow
