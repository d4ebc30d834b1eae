// Which worker (-j) and which shard (--shard K/N) a connection belongs to.
// One function decides both, from the symmetric flow hash, so both directions
// of a connection (and every fragment of its datagrams, reassembled first)
// always land together. The two levels mix the hash with different seeds:
// inside shard K of N, the -j workers still share the shard's flows evenly.
#pragma once
#include <cstdint>
#include "flow/flow_key.h"

namespace tcpflow {

enum class BucketLevel : uint64_t {
    Shard = 0x9e3779b97f4a7c15ull,   // --shard K/N, across processes and machines
    Worker = 0xc2b2ae3d27d4eb4full,  // -j N, across threads of one process
};

/// The bucket in [0, n) of a connection; n >= 1. Stable across runs, builds
/// and machines: shards of one capture made on different hosts fit together.
inline uint32_t flow_bucket(uint64_t symmetric_hash, uint32_t n, BucketLevel level) {
    // splitmix64's finaliser: every input bit reaches every output bit, so a
    // modulus by a small n spreads well even when ports differ in a few bits.
    uint64_t z = symmetric_hash + static_cast<uint64_t>(level);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return n <= 1 ? 0u : static_cast<uint32_t>(z % n);
}

inline uint32_t flow_bucket(const FlowKey& key, uint32_t n, BucketLevel level) {
    return flow_bucket(key.symmetric_hash(), n, level);
}

}  // namespace tcpflow
