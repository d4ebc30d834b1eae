#include "flow/scratch_spill.h"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>
#include "util/full_io.h"
#include <utility>
#include <vector>

namespace tcpflow {

ScratchSpill::ScratchSpill(int dirfd, std::string dir_name) : dirfd_(dirfd), dir_name_(std::move(dir_name)) {}

ScratchSpill::~ScratchSpill() {
    if (fd_ >= 0) ::close(fd_);
}

bool ScratchSpill::open_file() {
    if (dirfd_ < 0) return false;
    fd_ = ::openat(dirfd_, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ >= 0) return true;
    // No O_TMPFILE here (an older kernel, some network file systems): a fresh
    // name, created exclusively without following a link, unlinked at once.
    static const char* const kPrefix = ".tcpflow-spill-";
    for (unsigned i = 0; i < 100 && fd_ < 0; ++i) {
        const std::string name = kPrefix + std::to_string(::getpid()) + "-" + std::to_string(i);
        fd_ = ::openat(dirfd_, name.c_str(), O_CREAT | O_EXCL | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd_ >= 0) {
            ::unlinkat(dirfd_, name.c_str(), 0);
        } else if (errno != EEXIST) {
            break;
        }
    }
    return fd_ >= 0;
}

bool ScratchSpill::on_spill(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) {
    if (broken_ || len == 0) return false;
    if (fd_ < 0 && !open_file()) {
        broken_ = true;
        return false;
    }
    FlowChunks& fc = flows_[&flow];
    struct Wrote {
        uint64_t chunk;
        size_t bytes;
    };
    std::vector<Wrote> wrote;  // this call's part of the index, undone on failure
    bool ok = true;
    while (len > 0) {
        const uint64_t within = offset % kChunk;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(len, kChunk - within));
        auto ins = fc.by_number.emplace(offset / kChunk, Chunk{end_});
        if (ins.second) {
            end_ += kChunk;
            ++chunks_;
        }
        Chunk& chunk = ins.first->second;
        wrote.push_back(Wrote{ins.first->first, 0});
        if (pwrite_all(fd_, data, n, chunk.pos + within) != 0) {
            ok = false;
            break;
        }
        wrote.back().bytes = n;
        chunk.held += n;
        fc.held += n;
        offset += n;
        data += n;
        len -= n;
    }
    if (ok) {
        for (const Wrote& w : wrote) bytes_spilled_ += w.bytes;
        return true;
    }
    // Full disk or the like: the bytes stay in memory (the reassembler keeps the whole
    // run when this says no), so this call's part of the index goes, and spilling stops.
    for (const Wrote& w : wrote) {
        auto it = fc.by_number.find(w.chunk);
        it->second.held -= w.bytes;
        fc.held -= w.bytes;
        if (it->second.held == 0) drop(fc, it);
    }
    if (fc.by_number.empty()) flows_.erase(&flow);
    empty_when_unused();
    broken_ = true;
    return false;
}

void ScratchSpill::read_back(FlowInfo& flow, uint64_t offset, uint8_t* out, size_t len) {
    auto never_kept = [&](uint64_t at) {
        return std::runtime_error("spill file in " + dir_name_ + ": bytes at stream offset " +
                                  std::to_string(at) + " were never kept");
    };
    auto f = flows_.find(&flow);
    if (f == flows_.end()) throw never_kept(offset);
    uint64_t at = offset;
    while (at < offset + len) {
        const uint64_t within = at % kChunk;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(offset + len - at, kChunk - within));
        auto chunk = f->second.by_number.find(at / kChunk);
        if (chunk == f->second.by_number.end()) throw never_kept(at);
        const uint64_t pos = chunk->second.pos + within;
        if (const int err = pread_all(fd_, out + (at - offset), n, pos))
            throw std::runtime_error("spill file in " + dir_name_ + ": cannot read back: " + std::strerror(err));
        punch(pos, n);  // delivered now: the disk need not keep it
        const uint64_t done = std::min<uint64_t>(n, chunk->second.held);
        chunk->second.held -= done;
        f->second.held -= done;
        // Nothing in it waits any more: bytes are read back once, in stream order, and
        // every spilled byte below the delivery point has been read.
        if (chunk->second.held == 0) drop(f->second, chunk);
        at += n;
    }
    bytes_read_back_ += len;
    if (f->second.by_number.empty()) flows_.erase(f);
    empty_when_unused();
}

void ScratchSpill::forget(const FlowInfo& flow) {
    auto f = flows_.find(&flow);
    if (f == flows_.end()) return;
    while (!f->second.by_number.empty()) drop(f->second, f->second.by_number.begin());
    flows_.erase(f);
    empty_when_unused();
}

uint64_t ScratchSpill::charge(const FlowInfo& flow) const {
    auto f = flows_.find(&flow);
    if (f == flows_.end()) return 0;
    return f->second.held + kBlock * f->second.by_number.size();
}

void ScratchSpill::drop(FlowChunks& fc, std::map<uint64_t, Chunk>::iterator chunk) {
    punch(chunk->second.pos, kChunk);
    fc.held -= chunk->second.held;
    fc.by_number.erase(chunk);
    --chunks_;
}

void ScratchSpill::empty_when_unused() {
    if (chunks_ == 0 && fd_ >= 0 && end_ > 0 && ::ftruncate(fd_, 0) == 0) end_ = 0;
}

void ScratchSpill::punch(uint64_t pos, uint64_t len) {
    // Frees the disk blocks; where the file system cannot, they wait for the
    // file to empty (ftruncate when nothing waits).
    if (fd_ >= 0 && len > 0)
        (void)::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(pos),
                          static_cast<off_t>(len));
}

}  // namespace tcpflow
