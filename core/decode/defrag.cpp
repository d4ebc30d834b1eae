// Fragment reassembly. Each incomplete datagram keeps its bytes in one buffer
// (with room in front for the IPv4 header) and the received ranges as a sorted
// list of disjoint intervals; holes are the gaps between them.
#include "decode/defrag.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "decode/wire.h"

namespace tcpflow {

namespace {
// Room in front of the payload for the largest IPv4 header, so the completed
// datagram is header + payload in one buffer without moving the payload.
constexpr uint32_t kHeadroom = 60;
}  // namespace

bool FragmentKey::operator==(const FragmentKey& o) const {
    return family == o.family && proto == o.proto && id == o.id &&
           std::memcmp(src, o.src, sizeof src) == 0 && std::memcmp(dst, o.dst, sizeof dst) == 0;
}

size_t Defragmenter::KeyHash::operator()(const FragmentKey& k) const {
    // FNV-1a over the identity fields.
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const uint8_t* p, size_t n) {
        for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
    };
    const uint8_t head[6] = {k.family, k.proto, uint8_t(k.id >> 24), uint8_t(k.id >> 16),
                             uint8_t(k.id >> 8), uint8_t(k.id)};
    mix(head, sizeof head);
    mix(k.src, sizeof k.src);
    mix(k.dst, sizeof k.dst);
    return size_t(h);
}

struct Defragmenter::Datagram {
    Timestamp first_seen;
    std::list<FragmentKey>::iterator age_it;
    std::vector<uint8_t> buf;                               // kHeadroom + payload
    std::vector<std::pair<uint32_t, uint32_t>> have;        // received [start, end), sorted, disjoint
    uint64_t held = 0;                                      // bytes counted in bytes_held_
    uint32_t total = 0;
    bool total_known = false;
    bool have_first = false;
    uint8_t proto = 0;
    uint8_t header[kHeadroom] = {};
    uint32_t header_len = 0;

    bool complete() const {
        if (!total_known) return false;
        if (total == 0) return true;
        return have.size() == 1 && have[0].first == 0 && have[0].second == total;
    }
};

Defragmenter::Defragmenter(const DefragConfig& cfg) : cfg_(cfg) {}
Defragmenter::~Defragmenter() = default;

void Defragmenter::drop(const FragmentKey& key_ref) {
    const FragmentKey key = key_ref;  // key_ref may live in the list node erased below
    auto it = table_.find(key);
    if (it == table_.end()) return;
    bytes_held_ -= it->second->held;
    age_.erase(it->second->age_it);
    table_.erase(it);
}

void Defragmenter::drop_oldest() {
    if (age_.empty()) return;
    drop(age_.front());
    ++stats_.evicted;
}

bool datagram_expired(const Timestamp& now, const Timestamp& then, uint32_t limit_sec) {
    const int64_t age = now.sec - then.sec;
    return age > int64_t(limit_sec) || (age == int64_t(limit_sec) && now.nsec > then.nsec);
}

void Defragmenter::expire(const Timestamp& now) {
    while (!age_.empty()) {
        auto it = table_.find(age_.front());
        if (it == table_.end() || !datagram_expired(now, it->second->first_seen, cfg_.timeout_sec)) return;
        drop(age_.front());
        ++stats_.timed_out;
    }
}

Defragmenter::Datagram& Defragmenter::find_or_create(const Timestamp& ts, const FragmentKey& key) {
    auto it = table_.find(key);
    if (it != table_.end()) return *it->second;
    const uint32_t cap = std::max<uint32_t>(cfg_.max_datagrams, 1);
    while (table_.size() >= cap) drop_oldest();
    auto d = std::make_unique<Datagram>();
    d->first_seen = ts;
    d->age_it = age_.insert(age_.end(), key);
    Datagram& ref = *d;
    table_.emplace(key, std::move(d));
    return ref;
}

bool Defragmenter::make_room(const Datagram& keep, uint64_t growth) {
    // A datagram that cannot fit even alone must not empty the table first.
    if (keep.held + growth > cfg_.max_bytes) return false;
    while (bytes_held_ + growth > cfg_.max_bytes) {
        auto victim = age_.begin();
        if (victim != age_.end() && victim == keep.age_it) ++victim;
        if (victim == age_.end()) return false;
        drop(*victim);
        ++stats_.evicted;
    }
    return true;
}

bool Defragmenter::store(Datagram& d, const Fragment& f) {
    const uint32_t end = f.offset + f.len;
    const size_t need = size_t(kHeadroom) + end;
    if (d.buf.size() < need) {
        const uint64_t growth = need - d.buf.size();
        if (!make_room(d, growth)) return false;
        d.buf.resize(need);
        d.held += growth;
        bytes_held_ += growth;
    }
    // Overlaps: by default the later fragment overwrites (as tshark reassembles);
    // with first_wins only the holes are filled. Either way an overlap is counted once.
    uint32_t s = f.offset;
    bool overlapped = false;
    auto copy = [&](uint32_t from, uint32_t to) {
        std::memcpy(d.buf.data() + kHeadroom + from, f.data + (from - f.offset), to - from);
    };
    for (const auto& iv : d.have) {
        if (iv.second <= s) continue;
        if (iv.first >= end) break;
        overlapped = true;
        if (!cfg_.first_wins) break;
        if (iv.first > s) copy(s, iv.first);
        s = std::max(s, iv.second);
        if (s >= end) break;
    }
    if (!cfg_.first_wins) copy(f.offset, end);
    else if (s < end) copy(s, end);
    if (overlapped) ++stats_.overlaps;

    // Merge [offset, end) into the interval list (touching intervals join).
    auto first = std::lower_bound(d.have.begin(), d.have.end(), f.offset,
                                  [](const std::pair<uint32_t, uint32_t>& iv, uint32_t v) { return iv.second < v; });
    uint32_t ns = f.offset, ne = end;
    auto last = first;
    while (last != d.have.end() && last->first <= end) {
        ns = std::min(ns, last->first);
        ne = std::max(ne, last->second);
        ++last;
    }
    if (f.len > 0 || first != last) {
        first = d.have.erase(first, last);
        d.have.insert(first, {ns, ne});
    }
    return true;
}

void Defragmenter::finish(Datagram& d, Reassembled& out) {
    out = Reassembled();
    out.proto = d.proto;
    out.len = d.total;
    if (d.buf.size() < size_t(kHeadroom) + d.total) d.buf.resize(size_t(kHeadroom) + d.total);
    if (d.header_len > 0) {
        uint8_t* h = d.buf.data() + kHeadroom - d.header_len;
        std::memcpy(h, d.header, d.header_len);
        // The datagram is now whole: its header says so.
        const uint32_t tot = d.header_len + d.total;
        h[2] = uint8_t(tot >> 8);
        h[3] = uint8_t(tot);
        h[6] &= 0x40;  // keep DF, clear MF and the offset
        h[7] = 0;
        out.header_len = d.header_len;
    }
    done_.swap(d.buf);
    out.payload = done_.data() + kHeadroom;
    out.header = d.header_len ? out.payload - d.header_len : nullptr;
    drop(*d.age_it);
    ++stats_.reassembled;
}

DefragResult Defragmenter::add(const Timestamp& ts, const Fragment& f, Reassembled& out) {
    ++stats_.fragments;
    expire(ts);
    const uint64_t end = uint64_t(f.offset) + f.len;
    const uint64_t limit = f.key.family == 4 ? kMaxDatagram - std::min<uint32_t>(f.header_len, kHeadroom) : kMaxDatagram;
    if ((f.more && f.len == 0) || end > limit || (f.key.family == 4 && f.header_len > kHeadroom)) {
        ++stats_.invalid;
        return DefragResult::Dropped;
    }
    Datagram& d = find_or_create(ts, f.key);
    if (d.total_known && (end > d.total || (!f.more && end != d.total))) {
        ++stats_.invalid;  // contradicts the last fragment already seen
        return DefragResult::Dropped;
    }
    if (!f.more) {
        if (!d.have.empty() && d.have.back().second > end) {
            ++stats_.invalid;  // data already held lies past this "last" fragment
            return DefragResult::Dropped;
        }
        d.total = uint32_t(end);
        d.total_known = true;
    }
    if (f.offset == 0 && !d.have_first) {
        d.have_first = true;
        d.proto = f.next_proto;
        if (f.header && f.header_len) {
            std::memcpy(d.header, f.header, f.header_len);
            d.header_len = f.header_len;
        }
    }
    if (!store(d, f)) {
        drop(*d.age_it);
        ++stats_.evicted;
        return DefragResult::Dropped;
    }
    if (!d.complete()) return DefragResult::Held;
    if (d.header_len + d.total > kMaxDatagram) {
        drop(*d.age_it);  // a longer first header pushed the datagram past 64 KiB
        ++stats_.invalid;
        return DefragResult::Dropped;
    }
    finish(d, out);
    return DefragResult::Complete;
}

}  // namespace tcpflow
