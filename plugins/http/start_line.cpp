#include "start_line.h"

namespace tcpflow {
namespace http {

namespace {

constexpr std::string_view kVersionPrefix = "HTTP/1.";
constexpr size_t kMaxMethod = 20;

bool is_method_char(char c) { return (c >= 'A' && c <= 'Z') || c == '-' || c == '_'; }

bool is_version(std::string_view v) {
    return v.size() == 8 && v.substr(0, 7) == kVersionPrefix && v[7] >= '0' && v[7] <= '9';
}

// Splits off the text up to the next space (requests use single spaces, but
// be lenient about runs of them).
std::string_view take_word(std::string_view& s) {
    const size_t sp = s.find(' ');
    std::string_view word = s.substr(0, sp);
    s = sp == std::string_view::npos ? std::string_view() : s.substr(sp);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    return word;
}

}  // namespace

Sniff looks_like_http(std::string_view p) {
    const size_t n = p.size() < kVersionPrefix.size() ? p.size() : kVersionPrefix.size();
    if (p.substr(0, n) == kVersionPrefix.substr(0, n)) return n == kVersionPrefix.size() ? Sniff::http : Sniff::need_more;
    for (size_t i = 0; i < p.size() && i <= kMaxMethod; ++i) {
        if (p[i] == ' ') return i > 0 ? Sniff::http : Sniff::not_http;
        if (!is_method_char(p[i])) return Sniff::not_http;
    }
    return p.size() > kMaxMethod ? Sniff::not_http : Sniff::need_more;
}

bool parse_start_line(std::string_view line, StartLine& out) {
    out = StartLine();
    if (line.substr(0, kVersionPrefix.size()) == kVersionPrefix) {
        std::string_view rest = line;
        const std::string_view version = take_word(rest);
        const std::string_view code = take_word(rest);
        if (!is_version(version) || code.size() != 3) return false;
        for (char c : code)
            if (c < '0' || c > '9') return false;
        out.version = std::string(version);
        out.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
        out.reason = std::string(rest);
        return out.status >= 100;
    }
    std::string_view rest = line;
    const std::string_view method = take_word(rest);
    const size_t last_sp = rest.rfind(' ');
    if (method.empty() || method.size() > kMaxMethod || last_sp == std::string_view::npos) return false;
    for (char c : method)
        if (!is_method_char(c)) return false;
    const std::string_view version = rest.substr(last_sp + 1);
    std::string_view target = rest.substr(0, last_sp);
    while (!target.empty() && target.back() == ' ') target.remove_suffix(1);
    if (!is_version(version) || target.empty()) return false;
    out.is_request = true;
    out.method = std::string(method);
    out.target = std::string(target);
    out.version = std::string(version);
    return true;
}

}  // namespace http
}  // namespace tcpflow
