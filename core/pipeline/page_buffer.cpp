#include "pipeline/page_buffer.h"
#include <algorithm>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace tcpflow {
namespace {

size_t round_to_pages(size_t n) {
    static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    return (std::max<size_t>(n, 1) + page - 1) / page * page;
}

uint8_t* map_pages(size_t len) {
    void* p = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<uint8_t*>(p);
}

}  // namespace

PageBuffer::PageBuffer(size_t capacity)
    : capacity_(round_to_pages(capacity)), base_capacity_(capacity_) {
    data_ = map_pages(capacity_);
}

PageBuffer::~PageBuffer() { ::munmap(data_, capacity_); }

void PageBuffer::remap(size_t capacity) {
    void* p = ::mremap(data_, capacity_, capacity, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<uint8_t*>(p);
    capacity_ = capacity;
}

size_t PageBuffer::append(const uint8_t* bytes, size_t len) {
    const size_t at = size_;
    if (len > capacity_ - size_) remap(round_to_pages(std::max(size_ + len, 2 * capacity_)));
    if (len) std::memcpy(data_ + at, bytes, len);
    size_ += len;
    touched_ = std::max(touched_, size_);
    return at;
}

void PageBuffer::clear() {
    size_ = 0;
    // A huge frame grew it: shrinking the mapping gives the pages past the base size back;
    // those below it stay in place, as after any other use.
    if (capacity_ > base_capacity_) {
        remap(base_capacity_);
        touched_ = std::min(touched_, base_capacity_);
    }
}

void PageBuffer::release() {
    clear();
    if (touched_) ::madvise(data_, round_to_pages(touched_), MADV_DONTNEED);
    touched_ = 0;
}

}  // namespace tcpflow
