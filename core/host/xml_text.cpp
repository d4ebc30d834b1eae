#include "host/xml_text.h"

#include <cstdio>

namespace tcpflow {

std::string xml_escape(const std::string& raw) {
    std::string out;
    out.reserve(raw.size());
    for (unsigned char c : raw) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\'': out += "&apos;"; break;
        case '"': out += "&quot;"; break;
        default:
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out;
}

static bool name_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
}

static bool name_char(char c) {
    return name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool is_xml_name(const char* name) {
    if (!name || !name_start(*name)) return false;
    for (const char* p = name + 1; *p; ++p)
        if (!name_char(*p)) return false;
    return true;
}

std::string xml_attribute(const std::string& name, const std::string& value) {
    return " " + name + "='" + xml_escape(value) + "'";
}

std::string xml_element(const char* element, const char* const* attrs, const char* text) {
    if (!is_xml_name(element)) return "";
    std::string out = "<";
    out += element;
    for (const char* const* a = attrs; a && a[0]; a += 2) {
        if (!a[1] || !is_xml_name(a[0])) return "";
        out += xml_attribute(a[0], a[1]);
    }
    if (!text || !*text) return out + "/>";
    return out + ">" + xml_escape(text) + "</" + element + ">";
}

}  // namespace tcpflow
