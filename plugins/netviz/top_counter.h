// Weighted top-N counting in bounded memory (the "space-saving" algorithm of
// Metwally, Agrawal and El Abbadi). At most `capacity` keys are tracked; a new
// key arriving when the structure is full takes the place of the key with the
// smallest count and inherits that count as its possible overestimate.
// Guarantees: the total is exact; a tracked key's count is never below its
// true count and at most `error` above it; every key whose true weight
// exceeds total / capacity is tracked. With no more distinct keys than the
// capacity, every count is exact.
//
// The smallest count must be found on every eviction, so entries sit in a
// binary min-heap of slot numbers beside a key -> slot index: add() is one
// hash lookup plus O(log capacity) moves that touch no hash table.
#ifndef TCPFLOW_NETVIZ_TOP_COUNTER_H
#define TCPFLOW_NETVIZ_TOP_COUNTER_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tcpflow {
namespace netviz {

template <class Key, class Hash = std::hash<Key>>
class TopCounter {
public:
    struct Entry {
        Key key;
        uint64_t count;  // upper bound of the key's true weight
        uint64_t error;  // count - error is a lower bound
    };

    explicit TopCounter(size_t capacity) : capacity_(capacity ? capacity : 1) {
        const size_t expected = std::min<size_t>(capacity_, 1024);
        slots_.reserve(expected);
        heap_.reserve(expected);
    }

    void add(const Key& key, uint64_t weight) {
        total_ += weight;
        auto it = index_.find(key);
        if (it != index_.end()) {
            const size_t pos = slots_[it->second].heap_pos;
            heap_[pos].count += weight;
            sift_down(pos);
        } else if (slots_.size() < capacity_) {
            insert({key, weight, 0});
        } else {
            replace_smallest(key, weight);
        }
    }

    /// Folds in a summary of another part of the stream (the mergeable
    /// summaries rule of Agarwal et al.): a key one side does not track may
    /// still have up to that side's smallest count there, so that much is
    /// added to its count and to its error; then the largest `capacity` stay.
    void merge(const TopCounter& other) {
        const uint64_t my_floor = untracked_bound(), their_floor = other.untracked_bound();
        std::vector<Entry> combined = entries();  // same order as slots_, which index_ points into
        std::vector<bool> in_both(combined.size(), false);
        for (const Entry& e : other.entries()) {
            auto it = index_.find(e.key);
            if (it == index_.end()) {
                combined.push_back({e.key, e.count + my_floor, e.error + my_floor});
            } else {
                combined[it->second].count += e.count;
                combined[it->second].error += e.error;
                in_both[it->second] = true;
            }
        }
        for (size_t i = 0; i < in_both.size(); ++i) {
            if (in_both[i]) continue;
            combined[i].count += their_floor;
            combined[i].error += their_floor;
        }
        total_ += other.total_;
        evictions_ += other.evictions_;
        if (combined.size() > capacity_) {
            std::nth_element(combined.begin(), combined.begin() + static_cast<std::ptrdiff_t>(capacity_),
                             combined.end(), [](const Entry& a, const Entry& b) { return a.count > b.count; });
            evictions_ += combined.size() - capacity_;
            combined.resize(capacity_);
        }
        slots_.clear();
        heap_.clear();
        index_.clear();
        for (const Entry& e : combined) insert(e);
    }

    /// The n largest entries, largest first; ties by key so output is reproducible.
    std::vector<Entry> top(size_t n) const {
        std::vector<Entry> all = entries();
        auto larger = [](const Entry& a, const Entry& b) {
            return a.count != b.count ? a.count > b.count : a.key < b.key;
        };
        n = std::min(n, all.size());
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), larger);
        all.resize(n);
        return all;
    }

    /// Count of a tracked key, 0 for an untracked one.
    uint64_t count_of(const Key& key) const {
        auto it = index_.find(key);
        return it == index_.end() ? 0 : heap_[slots_[it->second].heap_pos].count;
    }

    uint64_t total() const { return total_; }
    size_t size() const { return slots_.size(); }
    size_t capacity() const { return capacity_; }
    /// True once a key was ever evicted: counts may then be overestimates.
    bool saturated() const { return evictions_ > 0; }
    uint64_t evictions() const { return evictions_; }

private:
    // A key stays in its slot for life; the heap holds the counts next to
    // their slot numbers, so sifting reads contiguous memory and moving an
    // entry never touches the hash index.
    struct Slot {
        Key key;
        uint64_t error;
        size_t heap_pos;
    };
    struct HeapItem {
        uint64_t count;
        size_t slot;
    };

    std::vector<Entry> entries() const {
        std::vector<Entry> out;
        out.reserve(slots_.size());
        for (const Slot& s : slots_) out.push_back({s.key, heap_[s.heap_pos].count, s.error});
        return out;
    }

    // The most an untracked key can weigh: nothing while no key was ever
    // dropped, else the smallest tracked count.
    uint64_t untracked_bound() const { return evictions_ && !heap_.empty() ? heap_[0].count : 0; }

    void insert(const Entry& e) {
        index_.emplace(e.key, slots_.size());
        slots_.push_back({e.key, e.error, heap_.size()});
        heap_.push_back({e.count, slots_.size() - 1});
        sift_up(heap_.size() - 1);
    }

    void replace_smallest(const Key& key, uint64_t weight) {
        Slot& s = slots_[heap_[0].slot];
        // Re-key the index node in place: no allocation per eviction.
        auto node = index_.extract(s.key);
        node.key() = key;
        index_.insert(std::move(node));
        s.key = key;
        s.error = heap_[0].count;
        heap_[0].count += weight;
        ++evictions_;
        sift_down(0);
    }

    void swap_at(size_t a, size_t b) {
        std::swap(heap_[a], heap_[b]);
        slots_[heap_[a].slot].heap_pos = a;
        slots_[heap_[b].slot].heap_pos = b;
    }
    void sift_up(size_t i) {
        while (i > 0) {
            const size_t parent = (i - 1) / 2;
            if (heap_[parent].count <= heap_[i].count) return;
            swap_at(i, parent);
            i = parent;
        }
    }
    void sift_down(size_t i) {
        const size_t n = heap_.size();
        for (;;) {
            size_t smallest = i;
            const size_t l = 2 * i + 1, r = l + 1;
            if (l < n && heap_[l].count < heap_[smallest].count) smallest = l;
            if (r < n && heap_[r].count < heap_[smallest].count) smallest = r;
            if (smallest == i) return;
            swap_at(i, smallest);
            i = smallest;
        }
    }

    size_t capacity_;
    uint64_t total_ = 0;
    uint64_t evictions_ = 0;
    std::vector<Slot> slots_;
    std::vector<HeapItem> heap_;  // smallest count first
    std::unordered_map<Key, size_t, Hash> index_;  // key -> slot
};

}  // namespace netviz
}  // namespace tcpflow

#endif
