#include "output/xml_fragment_tree.h"
#include <cstdlib>

namespace tcpflow {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool ends_name(char c) { return is_space(c) || c == '=' || c == '>' || c == '/'; }

void append_utf8(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | cp >> 6);
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | cp >> 12);
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | cp >> 18);
        out += static_cast<char>(0x80 | (cp >> 12 & 0x3f));
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

/// Character data with references decoded.
void append_decoded(std::string& out, std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
        if (semi == std::string_view::npos) {
            out += s[i++];
            continue;
        }
        const std::string ref(s.substr(i + 1, semi - i - 1));
        if (ref == "amp") out += '&';
        else if (ref == "lt") out += '<';
        else if (ref == "gt") out += '>';
        else if (ref == "quot") out += '"';
        else if (ref == "apos") out += '\'';
        else if (ref.size() > 1 && ref[0] == '#')
            append_utf8(out, ref[1] == 'x' ? strtoul(ref.c_str() + 2, nullptr, 16) : strtoul(ref.c_str() + 1, nullptr, 10));
        else out.append(s.substr(i, semi + 1 - i));
        i = semi + 1;
    }
}

struct Reader {
    std::string_view s;
    size_t i = 0;

    void skip_space() {
        while (i < s.size() && is_space(s[i])) ++i;
    }
    std::string name() {
        const size_t b = i;
        while (i < s.size() && !ends_name(s[i])) ++i;
        return std::string(s.substr(b, i - b));
    }
    /// Attributes up to '>' or '/>' (or the end of a bare list).
    XmlAttributes attributes() {
        XmlAttributes out;
        for (;;) {
            skip_space();
            if (i >= s.size() || s[i] == '>' || s[i] == '/') return out;
            std::string n = name();
            skip_space();
            ++i;  // '='
            skip_space();
            const char q = s[i++];
            const size_t e = s.find(q, i);
            std::string v;
            append_decoded(v, s.substr(i, e - i));
            i = e + 1;
            out.emplace_back(std::move(n), std::move(v));
        }
    }
    /// Content until the end tag of the open element (or the end of the fragment), into `node`.
    void content(XmlNode& node) {
        std::string text;
        while (i < s.size()) {
            if (s.compare(i, 4, "<!--") == 0) {
                i = s.find("-->", i + 4) + 3;
            } else if (s.compare(i, 9, "<![CDATA[") == 0) {
                const size_t e = s.find("]]>", i + 9);
                text.append(s.substr(i + 9, e - i - 9));
                i = e + 3;
            } else if (s.compare(i, 2, "</") == 0) {
                i = s.find('>', i) + 1;
                break;
            } else if (s[i] == '<') {
                ++i;
                XmlNode child;
                child.name = name();
                child.attributes = attributes();
                if (s[i] == '/') {
                    i += 2;
                } else {
                    ++i;
                    content(child);
                }
                node.children.push_back(std::move(child));
            } else {
                const size_t e = s.find('<', i);
                append_decoded(text, s.substr(i, e == std::string_view::npos ? std::string_view::npos : e - i));
                i = e == std::string_view::npos ? s.size() : e;
            }
        }
        // Indentation between child elements is layout, not data.
        if (text.find_first_not_of(" \t\r\n") != std::string::npos) node.text = std::move(text);
    }
};

}  // namespace

XmlAttributes parse_xml_attributes(std::string_view list) {
    Reader r{list};
    return r.attributes();
}

std::vector<XmlNode> parse_xml_fragment(std::string_view fragment) {
    Reader r{fragment};
    XmlNode top;
    r.content(top);
    return std::move(top.children);
}

}  // namespace tcpflow
