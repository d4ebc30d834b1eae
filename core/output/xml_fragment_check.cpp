#include "output/xml_fragment_check.h"
#include <algorithm>

namespace tcpflow {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_name_start(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || u >= 0x80;
}
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// A cursor over the fragment; every parse_* returns false on ill-formed input.
struct Cursor {
    std::string_view s;
    size_t i = 0;

    bool at_end() const { return i >= s.size(); }
    char peek() const { return at_end() ? '\0' : s[i]; }
    bool starts(std::string_view p) const { return s.substr(i, p.size()) == p; }
    void skip_space() {
        while (!at_end() && is_space(s[i])) ++i;
    }
    bool parse_name(std::string_view& name) {
        size_t b = i;
        if (at_end() || !is_name_start(s[i])) return false;
        while (!at_end() && is_name_char(s[i])) ++i;
        name = s.substr(b, i - b);
        return true;
    }
    // After '&': &name; &#123; &#x1f;
    bool parse_reference() {
        ++i;
        if (peek() == '#') {
            ++i;
            bool hex = peek() == 'x';
            if (hex) ++i;
            size_t b = i;
            while (!at_end() && (hex ? is_hex(s[i]) : (s[i] >= '0' && s[i] <= '9'))) ++i;
            if (i == b) return false;
        } else {
            std::string_view name;
            if (!parse_name(name)) return false;
        }
        if (peek() != ';') return false;
        ++i;
        return true;
    }
    bool parse_attribute_value() {
        char q = peek();
        if (q != '\'' && q != '"') return false;
        ++i;
        while (!at_end() && s[i] != q) {
            if (s[i] == '<') return false;
            if (s[i] == '&') {
                if (!parse_reference()) return false;
            } else {
                ++i;
            }
        }
        if (at_end()) return false;
        ++i;
        return true;
    }
    /// Attributes up to (not including) '>' or '/>', or the end for a bare list.
    bool parse_attributes(std::vector<std::string_view>& names) {
        for (;;) {
            size_t before = i;
            skip_space();
            if (at_end() || peek() == '>' || peek() == '/') return true;
            if (i == before && !names.empty()) return false;  // attributes need white space between them
            std::string_view name;
            if (!parse_name(name)) return false;
            if (std::find(names.begin(), names.end(), name) != names.end()) return false;
            names.push_back(name);
            skip_space();
            if (peek() != '=') return false;
            ++i;
            skip_space();
            if (!parse_attribute_value()) return false;
        }
    }
    bool skip_past(std::string_view end) {
        size_t e = s.find(end, i);
        if (e == std::string_view::npos) return false;
        i = e + end.size();
        return true;
    }
    bool parse_markup(std::vector<std::string_view>& open) {
        if (starts("<!--")) {
            i += 4;
            size_t e = s.find("--", i);
            if (e == std::string_view::npos || s.substr(e, 3) != "-->") return false;
            i = e + 3;
            return true;
        }
        if (starts("<![CDATA[")) {
            i += 9;
            return skip_past("]]>");
        }
        ++i;  // '<'
        if (peek() == '/') {
            ++i;
            std::string_view name;
            if (!parse_name(name) || open.empty() || open.back() != name) return false;
            open.pop_back();
            skip_space();
            if (peek() != '>') return false;
            ++i;
            return true;
        }
        std::string_view name;
        if (!parse_name(name)) return false;
        std::vector<std::string_view> names;
        if (!is_space(peek()) && peek() != '>' && peek() != '/') return false;
        if (!parse_attributes(names)) return false;
        if (starts("/>")) {
            i += 2;
            return true;
        }
        if (peek() != '>') return false;
        ++i;
        open.push_back(name);
        return true;
    }
};

}  // namespace

bool is_well_formed_fragment(std::string_view s) {
    Cursor c{s};
    std::vector<std::string_view> open;
    while (!c.at_end()) {
        char ch = c.peek();
        if (ch == '<') {
            if (!c.parse_markup(open)) return false;
        } else if (ch == '&') {
            if (!c.parse_reference()) return false;
        } else if (c.starts("]]>")) {
            return false;
        } else {
            ++c.i;
        }
    }
    return open.empty();
}

bool is_attribute_list(std::string_view s, const std::vector<std::string_view>& taken) {
    Cursor c{s};
    std::vector<std::string_view> names;
    c.skip_space();
    if (!c.parse_attributes(names) || !c.at_end()) return false;
    for (std::string_view n : names)
        if (std::find(taken.begin(), taken.end(), n) != taken.end()) return false;
    return true;
}

}  // namespace tcpflow
