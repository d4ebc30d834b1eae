// An intrusive doubly-linked list used as an LRU: O(1) insert, remove and
// move-to-back with no allocation, the links living in the element itself.
#pragma once

namespace tcpflow {

template <class T>
struct LruLink {
    T* prev = nullptr;
    T* next = nullptr;
    bool linked = false;
};

template <class T, LruLink<T> T::*Link>
class LruList {
public:
    bool empty() const { return head_ == nullptr; }
    T* front() const { return head_; }  // least recently used
    size_t size() const { return size_; }

    void push_back(T* x) {
        LruLink<T>& l = x->*Link;
        l.prev = tail_;
        l.next = nullptr;
        l.linked = true;
        if (tail_) (tail_->*Link).next = x;
        else head_ = x;
        tail_ = x;
        ++size_;
    }
    void remove(T* x) {
        LruLink<T>& l = x->*Link;
        if (!l.linked) return;
        if (l.prev) (l.prev->*Link).next = l.next;
        else head_ = l.next;
        if (l.next) (l.next->*Link).prev = l.prev;
        else tail_ = l.prev;
        l = LruLink<T>();
        --size_;
    }
    /// Mark as most recently used.
    void touch(T* x) {
        if (tail_ == x) return;
        remove(x);
        push_back(x);
    }

private:
    T* head_ = nullptr;
    T* tail_ = nullptr;
    size_t size_ = 0;
};

}  // namespace tcpflow
