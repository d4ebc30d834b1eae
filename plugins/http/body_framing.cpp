#include "body_framing.h"

namespace tcpflow {
namespace http {

namespace {

// "chunked" must be the last transfer coding for the body to be delimited by
// it; empty list elements (",\tchunked,") do not count (RFC 7230 7).
bool ends_in_chunked(const std::string& te) {
    std::string_view s(te);
    while (!s.empty()) {
        const size_t comma = s.rfind(',');
        std::string_view last = trim_ows(comma == std::string_view::npos ? s : s.substr(comma + 1));
        last = trim_ows(last.substr(0, last.find(';')));
        if (!last.empty()) return iequals(last, "chunked");
        s = comma == std::string_view::npos ? std::string_view() : s.substr(0, comma);
    }
    return false;
}

// Content-Length: one number; repeated fields (or "5, 5") must all agree.
bool parse_content_length(const std::string& joined, uint64_t& out) {
    bool have = false;
    std::string_view rest(joined);
    while (true) {
        const size_t comma = rest.find(',');
        const std::string_view item = trim_ows(rest.substr(0, comma));
        if (item.empty() || item.size() > 18) return false;
        uint64_t v = 0;
        for (char c : item) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + static_cast<uint64_t>(c - '0');
        }
        if (have && v != out) return false;
        out = v;
        have = true;
        if (comma == std::string_view::npos) return true;
        rest = rest.substr(comma + 1);
    }
}

BodyFraming framing_from_headers(const HeaderFields& h, bool is_request) {
    BodyFraming f;
    if (h.has("Transfer-Encoding")) {
        if (ends_in_chunked(h.get("Transfer-Encoding"))) f.kind = Framing::chunked;
        else if (is_request) {
            f.problem = "request Transfer-Encoding without chunked";
            f.fatal = true;
        } else f.kind = Framing::until_close;
        return f;
    }
    if (h.has("Content-Length")) {
        if (parse_content_length(h.get("Content-Length"), f.length)) {
            f.kind = f.length ? Framing::length : Framing::none;
            return f;
        }
        f.problem = "invalid Content-Length '" + h.get("Content-Length") + "'";
        f.fatal = is_request;
        f.kind = is_request ? Framing::none : Framing::until_close;
        return f;
    }
    f.kind = is_request ? Framing::none : Framing::until_close;
    return f;
}

}  // namespace

BodyFraming request_framing(const HeaderFields& headers) { return framing_from_headers(headers, true); }

BodyFraming response_framing(int status, const std::string& method, const HeaderFields& headers) {
    BodyFraming f;
    if (status == 101 || (method == "CONNECT" && status >= 200 && status < 300)) {
        f.kind = Framing::tunnel;
        return f;
    }
    if (status < 200 || status == 204 || status == 304 || method == "HEAD") return f;
    return framing_from_headers(headers, false);
}

bool request_may_open_tunnel(const StartLine& line, const HeaderFields& headers) {
    return line.method == "CONNECT" || (headers.has("Upgrade") && headers.has_token("Connection", "upgrade"));
}

const char* framing_name(Framing f) {
    switch (f) {
        case Framing::none: return "none";
        case Framing::length: return "length";
        case Framing::chunked: return "chunked";
        case Framing::until_close: return "close";
        case Framing::tunnel: return "tunnel";
    }
    return "none";
}

}  // namespace http
}  // namespace tcpflow
