// How the body of a message is delimited (RFC 7230 3.3.3), decided from its
// head and, for a response, the method of the request it answers.
#pragma once
#include <cstdint>
#include <string>

#include "header_fields.h"
#include "start_line.h"

namespace tcpflow {
namespace http {

enum class Framing {
    none,         ///< no body (HEAD response, 1xx, 204, 304, request without length)
    length,       ///< Content-Length bytes
    chunked,      ///< Transfer-Encoding ending in chunked
    until_close,  ///< everything up to the end of the stream
    tunnel        ///< the connection stops being HTTP (101, 2xx to CONNECT)
};

struct BodyFraming {
    Framing kind = Framing::none;
    uint64_t length = 0;   ///< for Framing::length
    std::string problem;   ///< a header that does not make sense ("" when fine)
    bool fatal = false;    ///< the problem leaves no way to find the next message
};

BodyFraming request_framing(const HeaderFields& headers);
/// `request_method` is "" when the request was not seen.
BodyFraming response_framing(int status, const std::string& request_method, const HeaderFields& headers);

/// A request after which the client may stop speaking HTTP (CONNECT, Upgrade).
bool request_may_open_tunnel(const StartLine& line, const HeaderFields& headers);

const char* framing_name(Framing f);

}  // namespace http
}  // namespace tcpflow
