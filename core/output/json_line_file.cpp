#include "output/json_line_file.h"
#include "util/full_io.h"
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

namespace tcpflow {

namespace {
constexpr size_t kWriteAt = 256 << 10;  // a full buffer goes out at once, whatever its age
}

JsonLineFile::JsonLineFile(int fd, std::string name, uint32_t flush_interval_ms)
    : fd_(fd), name_(std::move(name)), flush_interval_ms_(flush_interval_ms) {}

JsonLineFile::~JsonLineFile() {
    try {
        close();
    } catch (const std::exception&) {
        // Reported by the run's own close() already, or nowhere to report it.
    }
}

void JsonLineFile::write_out() {
    if (const int err = write_all(fd_, buf_.data(), buf_.size())) {
        failed_ = true;
        buf_.clear();
        throw std::runtime_error("cannot write the JSON flow log " + name_ + ": " + std::strerror(err));
    }
    buf_.clear();
}

void JsonLineFile::append_line(std::string_view json) {
    std::lock_guard<std::mutex> lock(mu_);
    if (failed_ || closed_) return;
    if (buf_.empty()) waiting_since_ms_ = now_ms_;
    buf_.append(json);
    buf_ += '\n';
    ++lines_;
    if (buf_.size() >= kWriteAt || flush_interval_ms_ == 0) write_out();
}

void JsonLineFile::flush_aged(uint64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ms_ = now_ms;
    if (failed_ || closed_ || buf_.empty() || now_ms - waiting_since_ms_ < flush_interval_ms_) return;
    write_out();
}

void JsonLineFile::close() {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    closed_ = true;
    const bool ok = !failed_;
    if (ok && !buf_.empty()) {
        try {
            write_out();
        } catch (...) {
            if (fd_ != STDOUT_FILENO) ::close(fd_);
            throw;
        }
    }
    if (fd_ != STDOUT_FILENO && ::close(fd_) != 0 && ok)
        throw std::runtime_error("cannot write the JSON flow log " + name_ + ": " + std::strerror(errno));
}

uint64_t JsonLineFile::lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
}

}  // namespace tcpflow
