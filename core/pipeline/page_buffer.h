// The byte buffer of a -j batch: pages mapped for it alone (mmap), so that
// release() hands them back to the system at once (MADV_DONTNEED). Freeing a
// std::vector promises no such thing: glibc keeps freed chunks below its
// moving thresholds, and the batch pool's share of the memory budget
// (Dispatcher) could then not shrink. Appending never zeroes: a page is zero
// when first touched, and only the bytes appended are touched.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tcpflow {

class PageBuffer {
public:
    /// Maps `capacity` bytes of address space (rounded up to pages); no memory yet.
    explicit PageBuffer(size_t capacity);
    ~PageBuffer();
    PageBuffer(const PageBuffer&) = delete;
    PageBuffer& operator=(const PageBuffer&) = delete;

    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    /// Whether any page holds memory (bytes were appended since the last release()).
    bool holds_memory() const { return touched_ > 0; }

    /// Appends `len` bytes and returns where they start. A piece that does not fit moves
    /// the buffer to a larger mapping (one huge frame); clear() maps it back to its size.
    size_t append(const uint8_t* bytes, size_t len);
    /// Empties the buffer and keeps its pages for the next use (up to its first size).
    void clear();
    /// Empties the buffer and gives its pages back to the system.
    void release();

private:
    void remap(size_t capacity);

    uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
    size_t base_capacity_ = 0;  // what the constructor mapped: clear() returns to it
    size_t touched_ = 0;        // highest size since the last release(): the pages in use
};

}  // namespace tcpflow
