// Reads and writes that finish the job: read/write may move fewer bytes than
// asked (a signal, a pipe-sized piece), so these loop until all of `len` moved. Each returns 0, or the errno of the call that failed (EIO when a
// read meets the end of the file, or a write moves nothing).
#pragma once
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <unistd.h>

namespace tcpflow {

inline int pwrite_all(int fd, const uint8_t* data, size_t len, uint64_t offset) {
    while (len > 0) {
        const ssize_t w = ::pwrite(fd, data, len, static_cast<off_t>(offset));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return w < 0 ? errno : EIO;
        data += w;
        len -= static_cast<size_t>(w);
        offset += static_cast<uint64_t>(w);
    }
    return 0;
}

/// At the file's current offset (an O_APPEND file, a pipe).
inline int write_all(int fd, const void* data, size_t len) {
    const uint8_t* p = static_cast<const uint8_t*>(data);
    while (len > 0) {
        const ssize_t w = ::write(fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return w < 0 ? errno : EIO;
        p += w;
        len -= static_cast<size_t>(w);
    }
    return 0;
}

inline int pread_all(int fd, uint8_t* out, size_t len, uint64_t offset) {
    while (len > 0) {
        const ssize_t r = ::pread(fd, out, len, static_cast<off_t>(offset));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return r < 0 ? errno : EIO;  // EOF: someone truncated the file
        out += r;
        len -= static_cast<size_t>(r);
        offset += static_cast<uint64_t>(r);
    }
    return 0;
}

}  // namespace tcpflow
