// The first line of an HTTP/1.x message: a request line or a status line.
#pragma once
#include <string>
#include <string_view>

namespace tcpflow {
namespace http {

struct StartLine {
    bool is_request = false;
    std::string method, target, version;  // request: METHOD TARGET HTTP/1.x
    int status = 0;                       // response: HTTP/1.x NNN reason
    std::string reason;
};

/// Answer of looks_like_http() on the first bytes of a stream.
enum class Sniff { http, not_http, need_more };

/// Whether a stream starting with `prefix` can be HTTP/1.x: "HTTP/1." or an
/// upper-case method and a space. Decides from at most the first 24 bytes.
Sniff looks_like_http(std::string_view prefix);

/// Parses one line (without its CRLF / LF). False when it is neither form.
bool parse_start_line(std::string_view line, StartLine& out);

}  // namespace http
}  // namespace tcpflow
