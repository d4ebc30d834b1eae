// Helpers for the console tests: flows with given addresses and an output file
// whose contents can be read with or without flushing the FILE* first.
#pragma once
#include <arpa/inet.h>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include "flow/flow_info.h"

namespace tcpflow {
namespace test {

/// A flow direction "src:sport -> dst:dport" (IPv4 or IPv6 text addresses).
inline FlowInfo console_flow(const char* src, uint16_t sport, const char* dst, uint16_t dport) {
    FlowInfo f;
    bool v6 = std::string(src).find(':') != std::string::npos;
    f.key.family = v6 ? 6 : 4;
    inet_pton(v6 ? AF_INET6 : AF_INET, src, f.key.src);
    inet_pton(v6 ? AF_INET6 : AF_INET, dst, f.key.dst);
    f.key.sport = sport;
    f.key.dport = dport;
    f.first_ts = {1363709111, 62053000};
    f.last_ts = {1363709111, 129592000};
    return f;
}

/// A client-to-server flow (began with a bare SYN).
inline FlowInfo client_flow() {
    FlowInfo f = console_flow("192.168.1.2", 2345, "10.0.0.1", 80);
    f.saw_syn = true;
    f.client_to_server = true;
    return f;
}

/// Its reverse, which began with SYN+ACK.
inline FlowInfo server_flow() {
    FlowInfo f = console_flow("10.0.0.1", 80, "192.168.1.2", 2345);
    f.saw_syn = true;
    f.client_to_server = false;
    return f;
}

/// An anonymous temporary file standing in for stdout.
class CapturedOutput {
public:
    CapturedOutput() : f_(tmpfile()) {
        if (!f_) throw std::runtime_error("tmpfile failed");
    }
    ~CapturedOutput() { fclose(f_); }
    CapturedOutput(const CapturedOutput&) = delete;
    CapturedOutput& operator=(const CapturedOutput&) = delete;
    FILE* file() const { return f_; }

    /// What reached the file so far, without flushing the FILE*'s buffer.
    std::string written() const {
        struct stat st {};
        fstat(fileno(f_), &st);
        std::string out(static_cast<size_t>(st.st_size), '\0');
        ssize_t n = pread(fileno(f_), &out[0], out.size(), 0);
        out.resize(n > 0 ? static_cast<size_t>(n) : 0);
        return out;
    }
    /// Everything printed (flushes first).
    std::string text() const {
        fflush(f_);
        return written();
    }

private:
    FILE* f_;
};

inline const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

}  // namespace test
}  // namespace tcpflow
