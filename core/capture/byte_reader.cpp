#include "capture/byte_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include "capture/packet_source.h"

namespace tcpflow {
namespace {

// Big reads keep system calls and inflate calls per packet near zero; zlib
// reads straight into our buffer when a request is larger than its own.
constexpr size_t kInitialBuffer = 1 << 20;
constexpr unsigned kZlibBuffer = 256 * 1024;
// zlib keeps reading a pipe until its request is full, so on stdin (often
// `tcpdump -w - | tcpflow -r -`) smaller requests bound how long a packet
// waits behind data that has not arrived yet.
constexpr unsigned kStdinChunk = 32 * 1024;

gzFile as_gz(void* p) { return static_cast<gzFile>(p); }

}  // namespace

ByteReader::ByteReader(const std::string& path) : name_(path == "-" ? "stdin" : path) {
    gzFile gz = nullptr;
    if (path == "-") {
        // dup so that gzclose does not close the process's fd 0
        int fd = ::dup(0);
        if (fd >= 0) {
            gz = gzdopen(fd, "rb");
            if (!gz) ::close(fd);
        }
    } else {
        gz = gzopen(path.c_str(), "rb");
    }
    if (!gz) {
        int err = errno;
        throw CaptureError(name_ + ": cannot open: " + (err ? std::strerror(err) : "out of memory"));
    }
    read_chunk_ = path == "-" ? kStdinChunk : kInitialBuffer;
    gzbuffer(gz, path == "-" ? kStdinChunk : kZlibBuffer);
    gz_ = gz;
    buf_.resize(kInitialBuffer);
}

ByteReader::~ByteReader() {
    if (gz_) gzclose_r(as_gz(gz_));
}

void ByteReader::fail_read() {
    int zerr = Z_OK;
    const char* msg = gzerror(as_gz(gz_), &zerr);
    if (zerr == Z_ERRNO) msg = std::strerror(errno);
    throw CaptureError(name_ + ": read error: " + (msg && *msg ? msg : "unknown zlib error"));
}

bool ByteReader::refill(size_t n) {
    if (eof_) return false;
    // Move the unread tail to the front; it is at most one partial record.
    size_t left = end_ - pos_;
    if (left && pos_) std::memmove(buf_.data(), buf_.data() + pos_, left);
    pos_ = 0;
    end_ = left;
    if (n > buf_.size()) buf_.resize(n);  // rare: a record larger than the buffer
    while (end_ < n) {
        size_t want = std::max(std::min(buf_.size() - end_, read_chunk_), n - end_);
        int got = gzread(as_gz(gz_), buf_.data() + end_, static_cast<unsigned>(want));
        if (got < 0) fail_read();
        if (got == 0) {
            eof_ = true;
            int zerr = Z_OK;
            gzerror(as_gz(gz_), &zerr);
            if (zerr == Z_BUF_ERROR && end_ == 0)
                // Cut at a record boundary: the format reader cannot see it.
                throw CaptureError(name_ + ": truncated: the compressed data ends early");
            // Cut inside a record: the format reader names the record.
            if (zerr != Z_OK && zerr != Z_BUF_ERROR) fail_read();
            return false;
        }
        end_ += static_cast<size_t>(got);
    }
    return true;
}

}  // namespace tcpflow
