// A first-in first-out hand-off between threads with a fixed capacity: push()
// waits while the queue is full, so whatever travels through it is bounded in
// number (the -j pipeline's memory bound). One lock per item: items are whole
// batches, never single packets. A consumer may also wait for several items at
// once (pop_when), so that a producer and a consumer that keep the queue near
// empty do not wake each other for every item.
#pragma once
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace tcpflow {

template <class T>
class BoundedQueue {
public:
    /// Fifo: the oldest item is taken first (a queue). Lifo: the newest (a pool whose warm
    /// items should be used again first).
    enum class Order { Fifo, Lifo };
    explicit BoundedQueue(size_t capacity, Order order = Order::Fifo)
        : capacity_(capacity ? capacity : 1), order_(order) {}
    BoundedQueue(const BoundedQueue&) = delete;
    BoundedQueue& operator=(const BoundedQueue&) = delete;

    /// Waits for room; false (and `item` untouched) once the queue is closed.
    bool push(T& item) { return put(item, false); }

    /// Like push(), but the item is taken after every other item already there.
    bool push_last(T& item) { return put(item, order_ == Order::Lifo); }

    /// Takes an item without waiting; false when the queue holds `keep` items or fewer.
    bool try_pop(T& out, size_t keep = 0) {
        std::lock_guard<std::mutex> lock(mu_);
        if (items_.size() <= keep) return false;
        take(out);
        return true;
    }

    enum class Pop { Item, Timeout, Closed };
    /// Waits up to `timeout` for an item. A closed queue still hands out what it
    /// holds; Closed only once it is empty.
    template <class Rep, class Period>
    Pop pop(T& out, std::chrono::duration<Rep, Period> timeout) {
        std::unique_lock<std::mutex> lock(mu_);
        if (!not_empty_.wait_for(lock, timeout, [&] { return closed_ || !items_.empty(); })) return Pop::Timeout;
        if (items_.empty()) return Pop::Closed;
        take(out);
        return Pop::Item;
    }

    /// Like pop(), but waits until the queue holds `at_least` items (or is closed), or until
    /// nudge() says that fewer will do; never takes one while it holds `keep` or fewer (the
    /// items it must keep). For a queue with a single consumer.
    template <class Rep, class Period>
    Pop pop_when(T& out, size_t at_least, std::chrono::duration<Rep, Period> timeout, size_t keep = 0) {
        std::unique_lock<std::mutex> lock(mu_);
        floor_ = std::min(keep + 1, capacity_);
        want_ = std::max(floor_, std::min(at_least, capacity_));
        const bool ready = not_empty_.wait_for(lock, timeout, [&] { return closed_ || items_.size() >= want_; });
        want_ = floor_ = 1;
        if (!ready) return Pop::Timeout;
        if (items_.empty()) return Pop::Closed;
        take(out);
        return Pop::Item;
    }

    /// A waiting pop_when() takes the next item it may (or one already there).
    void nudge() {
        std::lock_guard<std::mutex> lock(mu_);
        if (want_ <= floor_) return;
        want_ = floor_;
        if (items_.size() >= want_) not_empty_.notify_one();
    }

    /// No more pushes: waiting pushers return false, poppers drain what is left.
    void close() {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
        not_full_.notify_all();
        not_empty_.notify_all();
    }

    size_t size() const {
        std::lock_guard<std::mutex> lock(mu_);
        return items_.size();
    }
    size_t capacity() const { return capacity_; }

private:
    bool put(T& item, bool at_front) {
        std::unique_lock<std::mutex> lock(mu_);
        not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        if (at_front) items_.push_front(std::move(item));
        else items_.push_back(std::move(item));
        if (items_.size() >= want_) not_empty_.notify_one();
        return true;
    }

    void take(T& out) {
        if (order_ == Order::Fifo) {
            out = std::move(items_.front());
            items_.pop_front();
        } else {
            out = std::move(items_.back());
            items_.pop_back();
        }
        not_full_.notify_one();
    }

    const size_t capacity_;
    const Order order_;
    size_t want_ = 1;   // how many items the waiting consumer needs before push() wakes it
    size_t floor_ = 1;  // ... and how few nudge() may lower that to
    mutable std::mutex mu_;
    std::condition_variable not_full_, not_empty_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace tcpflow
