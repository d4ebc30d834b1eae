// tcp_alert_fd / http_alert_fd: "open\t<path>\n" and "close\t<path>\n" lines on
// an inherited descriptor, as tcpflow 1.6 writes them, so another process can
// follow the recording.
#pragma once
#include <string>

namespace tcpflow {
namespace exec {

class AlertFd {
public:
    /// fd < 0: disabled. Throws std::invalid_argument if fd is not open.
    AlertFd(int fd, const char* param_name);
    bool enabled() const { return fd_ >= 0; }
    /// Writes "<what>\t<path>\n"; false once the descriptor stopped working.
    bool write_line(const char* what, const std::string& path);

private:
    int fd_;
};

}  // namespace exec
}  // namespace tcpflow
