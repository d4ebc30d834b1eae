// Weighted top-N counting in bounded memory (the "space-saving" algorithm of
// Metwally, Agrawal and El Abbadi). At most `capacity` keys are tracked; a new
// key arriving when the structure is full takes the place of the key with the
// smallest count and inherits that count as its possible overestimate.
// Guarantees: the total is exact; a tracked key's count is never below its
// true count and at most `error` above it; every key whose true weight
// exceeds total / capacity is tracked. With no more distinct keys than the
// capacity, every count is exact.
//
// The smallest count must be found on every eviction, so entries live in a
// binary min-heap with a key -> heap position index: add() is O(log capacity).
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
        heap_.reserve(std::min<size_t>(capacity_, 1024));
    }

    void add(const Key& key, uint64_t weight) {
        total_ += weight;
        add_entry(key, weight);
    }

    /// Folds in a summary of another part of the stream (the mergeable
    /// summaries rule of Agarwal et al.): a key one side does not track may
    /// still have up to that side's smallest count there, so that much is
    /// added to its count and to its error; then the largest `capacity` stay.
    void merge(const TopCounter& other) {
        const uint64_t my_floor = untracked_bound(), their_floor = other.untracked_bound();
        std::vector<Entry> combined(heap_);  // same positions as index_
        std::vector<bool> in_both(heap_.size(), false);
        for (const Entry& e : other.heap_) {
            auto it = index_.find(e.key);
            if (it == index_.end()) {
                combined.push_back({e.key, e.count + my_floor, e.error + my_floor});
            } else {
                combined[it->second].count += e.count;
                combined[it->second].error += e.error;
                in_both[it->second] = true;
            }
        }
        for (size_t i = 0; i < heap_.size(); ++i) {
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
        rebuild(std::move(combined));
    }

    /// The n largest entries, largest first; ties by key so output is reproducible.
    std::vector<Entry> top(size_t n) const {
        std::vector<Entry> all(heap_);
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
        return it == index_.end() ? 0 : heap_[it->second].count;
    }

    uint64_t total() const { return total_; }
    size_t size() const { return heap_.size(); }
    size_t capacity() const { return capacity_; }
    /// True once a key was ever evicted: counts may then be overestimates.
    bool saturated() const { return evictions_ > 0; }
    uint64_t evictions() const { return evictions_; }

private:
    // The most an untracked key can weigh: nothing while no key was ever
    // dropped, else the smallest tracked count.
    uint64_t untracked_bound() const { return evictions_ && !heap_.empty() ? heap_[0].count : 0; }

    void add_entry(const Key& key, uint64_t weight) {
        auto it = index_.find(key);
        if (it != index_.end()) {
            heap_[it->second].count += weight;
            sift_down(it->second);
        } else if (heap_.size() < capacity_) {
            index_.emplace(key, heap_.size());
            heap_.push_back({key, weight, 0});
            sift_up(heap_.size() - 1);
        } else {
            replace_smallest(key, weight);
        }
    }

    void rebuild(std::vector<Entry> entries) {
        heap_ = std::move(entries);
        index_.clear();
        for (size_t i = 0; i < heap_.size(); ++i) index_[heap_[i].key] = i;
        for (size_t i = heap_.size() / 2; i-- > 0;) sift_down(i);
    }

    void replace_smallest(const Key& key, uint64_t weight) {
        Entry& root = heap_[0];
        index_.erase(root.key);
        root.error = root.count;
        root.count += weight;
        root.key = key;
        index_.emplace(key, 0);
        ++evictions_;
        sift_down(0);
    }

    void swap_at(size_t a, size_t b) {
        std::swap(heap_[a], heap_[b]);
        index_[heap_[a].key] = a;
        index_[heap_[b].key] = b;
    }
    void sift_up(size_t i) {
        while (i > 0) {
            size_t parent = (i - 1) / 2;
            if (heap_[parent].count <= heap_[i].count) return;
            swap_at(i, parent);
            i = parent;
        }
    }
    void sift_down(size_t i) {
        const size_t n = heap_.size();
        for (;;) {
            size_t smallest = i, l = 2 * i + 1, r = l + 1;
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
    std::vector<Entry> heap_;
    std::unordered_map<Key, size_t, Hash> index_;
};

}  // namespace netviz
}  // namespace tcpflow

#endif
