#include "alert_fd.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace tcpflow {
namespace exec {

AlertFd::AlertFd(int fd, const char* param_name) : fd_(fd) {
    if (fd_ >= 0 && fcntl(fd_, F_GETFD) == -1)
        throw std::invalid_argument(std::string(param_name) + "=" + std::to_string(fd) + " is not an open file descriptor");
}

bool AlertFd::write_line(const char* what, const std::string& path) {
    if (fd_ < 0) return true;
    // One write per line keeps lines whole when the reader is a pipe.
    const std::string line = std::string(what) + "\t" + path + "\n";
    size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            fd_ = -1;  // the reader went away: stop, recording goes on
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace exec
}  // namespace tcpflow
