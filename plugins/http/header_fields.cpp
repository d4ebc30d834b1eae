#include "header_fields.h"

namespace tcpflow {
namespace http {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_tchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view next_line(std::string_view& rest) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

bool HeaderFields::parse(std::string_view lines) {
    while (!lines.empty()) {
        std::string_view line = next_line(lines);
        if (line.empty()) continue;
        if ((line.front() == ' ' || line.front() == '\t')) {
            // obs-fold: a continuation of the previous value, joined by one space
            if (fields_.empty()) return false;
            std::string& value = fields_.back().second;
            const std::string_view more = trim_ows(line);
            if (!more.empty()) value += (value.empty() ? "" : " ") + std::string(more);
            continue;
        }
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        const std::string_view name = line.substr(0, colon);
        for (char c : name)
            if (!is_tchar(c)) return false;
        add(std::string(name), std::string(trim_ows(line.substr(colon + 1))));
    }
    return true;
}

bool HeaderFields::has(std::string_view name) const { return count(name) != 0; }

size_t HeaderFields::count(std::string_view name) const {
    size_t n = 0;
    for (const auto& f : fields_)
        if (iequals(f.first, name)) ++n;
    return n;
}

std::string HeaderFields::get(std::string_view name) const {
    std::string out;
    for (const auto& f : fields_)
        if (iequals(f.first, name)) out += (out.empty() ? "" : ", ") + f.second;
    return out;
}

bool HeaderFields::has_token(std::string_view name, std::string_view token) const {
    const std::string all = get(name);
    std::string_view rest(all);
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        item = trim_ows(item.substr(0, item.find(';')));
        if (iequals(item, token)) return true;
    }
    return false;
}

}  // namespace http
}  // namespace tcpflow
