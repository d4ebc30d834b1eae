// A descriptor closed when its owner goes: for descriptors handed to writers
// that do not own them (the report's), declared before those writers so it
// outlives them.
#pragma once
#include <unistd.h>

namespace tcpflow {

class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() {
        if (fd_ >= 0) ::close(fd_);
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    UniqueFd& operator=(UniqueFd&& o) noexcept {
        if (this != &o) {
            if (fd_ >= 0) ::close(fd_);
            fd_ = o.fd_;
            o.fd_ = -1;
        }
        return *this;
    }
    int get() const { return fd_; }

private:
    int fd_ = -1;
};

}  // namespace tcpflow
