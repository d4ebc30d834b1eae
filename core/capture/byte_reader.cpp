#include "capture/byte_reader.h"
#include "util/monotonic_ms.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "capture/packet_source.h"

namespace tcpflow {
namespace {

// Big reads keep system calls and inflate calls per packet near zero; zlib
// reads straight into our buffer when a request is larger than its own.
constexpr size_t kInitialBuffer = 1 << 20;
constexpr unsigned kZlibBuffer = 256 * 1024;
// A stream read takes what has arrived, up to this much at a time.
constexpr size_t kStreamChunk = 64 * 1024;
// After a stop, a stream whose pipe cannot say how much it holds (FIONREAD)
// is drained of at most this much.
constexpr size_t kMaxDrain = 1 << 20;

gzFile as_gz(void* p) { return static_cast<gzFile>(p); }

}  // namespace

struct ByteReader::Stream {
    int fd = -1;
    bool decided = false;  // gzip or plain is known (after the first two bytes)
    bool gzip = false;
    bool z_ready = false;
    bool in_member = false;  // inside a gzip member: an end here is a truncation
    z_stream z{};
    std::vector<uint8_t> raw = std::vector<uint8_t>(kStreamChunk);
    size_t raw_have = 0;     // undecided: raw bytes read so far
    bool draining = false;   // a stop was seen: take only what the pipe held then
    size_t drain_left = 0;

    ~Stream() {
        if (z_ready) inflateEnd(&z);
        if (fd >= 0) ::close(fd);
    }
    bool pending() const { return gzip && z.avail_in > 0; }
};

ByteReader::ByteReader(const std::string& path) : name_(path == "-" ? "stdin" : path) {
    // dup so that closing does not close the process's fd 0
    int fd = path == "-" ? ::fcntl(0, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        int err = errno;
        if (fd >= 0) ::close(fd);
        throw CaptureError(name_ + ": cannot open: " + std::strerror(err));
    }
    buf_.resize(kInitialBuffer);
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
        stream_ = std::make_unique<Stream>();
        stream_->fd = fd;
        return;
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        ::close(fd);
        throw CaptureError(name_ + ": cannot open: out of memory");
    }
    read_chunk_ = kInitialBuffer;
    gzbuffer(gz, kZlibBuffer);
    gz_ = gz;
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

void ByteReader::fail_errno(const char* what, int err) {
    throw CaptureError(name_ + ": " + what + ": " + std::strerror(err));
}

void ByteReader::make_room(size_t n) {
    // Move the unread tail to the front; it is at most one partial record.
    size_t left = end_ - pos_;
    if (left && pos_) std::memmove(buf_.data(), buf_.data() + pos_, left);
    base_ += pos_;
    pos_ = 0;
    end_ = left;
    if (n > buf_.size()) buf_.resize(n);  // rare: a record larger than the buffer
}

bool ByteReader::refill(size_t n) {
    stopped_ = waiting_ = false;
    if (eof_) return false;
    make_room(n);
    return stream_ ? refill_stream(n) : refill_file(n);
}

bool ByteReader::refill_file(size_t n) {
    // A regular file has no "already received" beyond our buffer: a stop ends it here,
    // unless one byte more shows it was at its end anyway (then it was not cut short).
    if (capture_stop_requested()) {
        int got = gzread(as_gz(gz_), buf_.data() + end_, 1);
        if (got < 0) fail_read();
        if (got == 0) {
            eof_ = true;
            return false;
        }
        ++end_;
        stopped_ = true;
        return false;
    }
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

bool ByteReader::refill_stream(size_t n) {
    Stream& s = *stream_;
    const int64_t deadline = patient_ ? 0 : monotonic_ms() + wait_ms_;
    while (end_ < n) {
        if (s.pending()) {  // compressed bytes already read: no system call needed
            if (!pull_stream(0)) break;
            continue;
        }
        if (capture_stop_requested() && !s.draining) {
            s.draining = true;
            int queued = 0;
            s.drain_left = ::ioctl(s.fd, FIONREAD, &queued) == 0 && queued >= 0 ? size_t(queued) : kMaxDrain;
        }
        int timeout = 100;
        if (s.draining) {
            timeout = 0;
        } else if (!patient_) {
            timeout = static_cast<int>(std::max<int64_t>(0, deadline - monotonic_ms()));
        }
        pollfd pfd{s.fd, POLLIN, 0};
        int rc = ::poll(&pfd, 1, timeout);
        if (rc < 0 && errno != EINTR) fail_errno("poll failed", errno);
        if (rc <= 0) {  // nothing readable (or a signal): stop, give up for now, or wait on
            if (s.draining && (rc == 0 || s.drain_left == 0)) {
                stopped_ = true;
                return false;
            }
            if (!patient_ && !s.draining && monotonic_ms() >= deadline) {
                waiting_ = true;
                return false;
            }
            continue;
        }
        if (s.draining && s.drain_left == 0) {
            // Readable although the pipe held nothing more at the stop: its end, or data sent
            // since. One byte tells which.
            if (!pull_stream(1)) break;
            stopped_ = true;
            return false;
        }
        if (!pull_stream(s.draining ? s.drain_left : kStreamChunk)) break;
    }
    if (end_ >= n) return true;
    // The stream ended.
    eof_ = true;
    if (s.in_member && end_ == 0) throw CaptureError(name_ + ": truncated: the compressed data ends early");
    return false;
}

bool ByteReader::pull_stream(size_t limit) {
    Stream& s = *stream_;
    if (!s.pending()) {
        uint8_t* dst = s.decided && !s.gzip ? buf_.data() + end_ : s.raw.data() + s.raw_have;
        size_t room = s.decided && !s.gzip ? buf_.size() - end_ : s.raw.size() - s.raw_have;
        if (limit) room = std::min(room, limit);
        ssize_t got;
        do {
            got = ::read(s.fd, dst, room);  // poll said readable: this does not block
        } while (got < 0 && errno == EINTR);
        if (got < 0) fail_errno("read error", errno);
        if (s.draining) s.drain_left -= std::min(s.drain_left, size_t(got));
        if (got == 0 && (s.decided || s.raw_have == 0)) return false;
        if (s.decided && !s.gzip) {
            end_ += size_t(got);
            return true;
        }
        s.raw_have += size_t(got);
        if (!s.decided) {
            if (got > 0 && s.raw_have < 2) return true;  // one byte cannot tell gzip yet
            s.decided = true;
            s.gzip = s.raw_have >= 2 && s.raw[0] == 0x1f && s.raw[1] == 0x8b;
            if (!s.gzip) {
                std::memcpy(buf_.data() + end_, s.raw.data(), s.raw_have);  // end_ is 0 here
                end_ += s.raw_have;
                return true;
            }
            // 32 + MAX_WBITS: gzip or zlib header, detected
            if (inflateInit2(&s.z, 32 + MAX_WBITS) != Z_OK) throw CaptureError(name_ + ": out of memory");
            s.z_ready = true;
        }
        s.z.next_in = s.raw.data();
        s.z.avail_in = static_cast<uInt>(s.raw_have);
        s.raw_have = 0;
    }
    s.z.next_out = buf_.data() + end_;
    s.z.avail_out = static_cast<uInt>(buf_.size() - end_);
    while (s.z.avail_in > 0 && s.z.avail_out > 0) {
        s.in_member = true;
        int rc = inflate(&s.z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s.in_member = false;
            inflateReset(&s.z);  // concatenated members, as gzread reads them
            continue;
        }
        if (rc == Z_BUF_ERROR) break;
        if (rc != Z_OK) throw CaptureError(name_ + ": read error: " + (s.z.msg ? s.z.msg : "invalid gzip data"));
    }
    end_ = buf_.size() - s.z.avail_out;
    return true;
}

}  // namespace tcpflow
