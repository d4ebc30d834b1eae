// IPv4 and IPv6 fragment reassembly with bounded memory and packet-time timeouts.
#pragma once
#include <cstdint>
#include <cstddef>
#include <list>
#include <memory>
#include <unordered_map>
#include <vector>
#include "util/timestamp.h"

namespace tcpflow {

struct DefragConfig {
    uint64_t max_bytes = 64ull << 20;  // all fragments held at once; oldest datagram dropped past it
    uint32_t max_datagrams = 16384;    // incomplete datagrams held at once
    uint32_t timeout_sec = 30;         // packet time after which an incomplete datagram is dropped
    bool first_wins = false;           // overlapping fragments: keep the first copy (default: the later one, as tshark)
};

struct DefragStats {
    uint64_t fragments = 0, reassembled = 0, timed_out = 0, evicted = 0, overlaps = 0, invalid = 0;
};

/// Identity of one datagram being reassembled. IPv4: (src, dst, id, proto);
/// IPv6: (src, dst, id) with proto left 0, because RFC 8200 puts the upper
/// protocol only in the first fragment.
struct FragmentKey {
    uint8_t family = 0;  // 4 or 6
    uint8_t proto = 0;
    uint32_t id = 0;
    uint8_t src[16] = {};
    uint8_t dst[16] = {};
    bool operator==(const FragmentKey& o) const;
};

/// One received fragment. `data` is the fragmentable part (what follows the IPv4
/// header or the IPv6 fragment header); `offset` is in bytes.
struct Fragment {
    FragmentKey key;
    uint32_t offset = 0;
    const uint8_t* data = nullptr;
    uint32_t len = 0;
    bool more = false;            // MF / M flag
    uint8_t next_proto = 0;       // IPv6: next header of this fragment's header; IPv4: key.proto
    const uint8_t* header = nullptr;  // IPv4 header of this fragment (kept if offset is 0)
    uint32_t header_len = 0;
};

/// A complete datagram. Points into the defragmenter; valid until the next add().
struct Reassembled {
    const uint8_t* header = nullptr;  // IPv4: the first fragment's header, length/flags fixed up; IPv6: null
    uint32_t header_len = 0;
    const uint8_t* payload = nullptr;
    uint32_t len = 0;
    uint8_t proto = 0;                // upper protocol (IPv4 proto / IPv6 next header of the first fragment)
};

enum class DefragResult {
    Held,      // stored; the datagram is not complete yet
    Complete,  // `out` holds the datagram
    Dropped,   // the fragment was invalid or could not be held (counted)
};

/// The timeout rule: a datagram first seen at `then` is dropped at packet time `now`
/// (also used by --shard-split to keep such fragments where a run drops them).
bool datagram_expired(const Timestamp& now, const Timestamp& then, uint32_t limit_sec);

class Defragmenter {
public:
    /// Largest reassembled datagram payload: an IPv4 total length is 16 bits.
    static constexpr uint32_t kMaxDatagram = 65535;

    explicit Defragmenter(const DefragConfig& cfg = DefragConfig());
    ~Defragmenter();
    Defragmenter(const Defragmenter&) = delete;
    Defragmenter& operator=(const Defragmenter&) = delete;

    DefragResult add(const Timestamp& ts, const Fragment& frag, Reassembled& out);
    /// Drops incomplete datagrams whose first fragment is older than the timeout.
    /// Cheap when there is nothing to drop: it looks only at the oldest datagram.
    void expire(const Timestamp& now);

    const DefragStats& stats() const { return stats_; }
    size_t pending() const { return table_.size(); }
    uint64_t bytes_held() const { return bytes_held_; }

private:
    struct Datagram;
    struct KeyHash {
        size_t operator()(const FragmentKey& k) const;
    };
    using Table = std::unordered_map<FragmentKey, std::unique_ptr<Datagram>, KeyHash>;

    Datagram& find_or_create(const Timestamp& ts, const FragmentKey& key);
    bool store(Datagram& d, const Fragment& f);
    bool make_room(const Datagram& keep, uint64_t growth);
    void drop(const FragmentKey& key);
    void drop_oldest();
    void finish(Datagram& d, Reassembled& out);

    DefragConfig cfg_;
    DefragStats stats_;
    Table table_;
    std::list<FragmentKey> age_;   // oldest first; each Datagram keeps its iterator
    uint64_t bytes_held_ = 0;
    std::vector<uint8_t> done_;    // the last completed datagram
};

}  // namespace tcpflow
