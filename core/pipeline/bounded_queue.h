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
    explicit BoundedQueue(size_t capacity) : capacity_(capacity ? capacity : 1) {}
    BoundedQueue(const BoundedQueue&) = delete;
    BoundedQueue& operator=(const BoundedQueue&) = delete;

    /// Waits for room; false (and `item` untouched) once the queue is closed.
    bool push(T& item) {
        std::unique_lock<std::mutex> lock(mu_);
        not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        items_.push_back(std::move(item));
        if (items_.size() >= want_) not_empty_.notify_one();
        return true;
    }

    /// Takes an item without waiting; false when there is none.
    bool try_pop(T& out) {
        std::lock_guard<std::mutex> lock(mu_);
        if (items_.empty()) return false;
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
    /// nudge() says that one is enough. For a queue with a single consumer.
    template <class Rep, class Period>
    Pop pop_when(T& out, size_t at_least, std::chrono::duration<Rep, Period> timeout) {
        std::unique_lock<std::mutex> lock(mu_);
        want_ = std::max<size_t>(1, std::min(at_least, capacity_));
        const bool ready = not_empty_.wait_for(lock, timeout, [&] { return closed_ || items_.size() >= want_; });
        want_ = 1;
        if (!ready) return Pop::Timeout;
        if (items_.empty()) return Pop::Closed;
        take(out);
        return Pop::Item;
    }

    /// A waiting pop_when() takes the next item that comes (or one already there).
    void nudge() {
        std::lock_guard<std::mutex> lock(mu_);
        if (want_ <= 1) return;
        want_ = 1;
        if (!items_.empty()) not_empty_.notify_one();
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
    void take(T& out) {
        out = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
    }

    const size_t capacity_;
    size_t want_ = 1;  // how many items the waiting consumer needs before push() wakes it
    mutable std::mutex mu_;
    std::condition_variable not_full_, not_empty_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace tcpflow
