#include "content_coding.h"

#include "config.h"

namespace tcpflow {
namespace decode {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

Coding classify(const std::string& name) {
    if (name == "gzip" || name == "x-gzip") return Coding::gzip;
    if (name == "deflate") return Coding::deflate;
    if (name == "br") return Coding::br;
    return Coding::unknown;
}

}  // namespace

CodingList parse_coding_list(std::string_view value) {
    CodingList list;
    while (!value.empty()) {
        const size_t comma = value.find(',');
        std::string_view item = value.substr(0, comma);
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
        const size_t semi = item.find(';');  // coding parameters carry nothing we use
        const std::string name = lower(trim(item.substr(0, semi)));
        if (name.empty() || name == "identity") continue;
        list.codings.push_back(classify(name));
        list.names.push_back(name);
    }
    return list;
}

std::string CodingList::first_unsupported() const {
    for (size_t i = 0; i < codings.size(); ++i)
        if (!coding_supported(codings[i])) return names[i];
    return "";
}

const char* coding_name(Coding c) {
    switch (c) {
        case Coding::gzip: return "gzip";
        case Coding::deflate: return "deflate";
        case Coding::br: return "br";
        case Coding::unknown: break;
    }
    return "unknown";
}

bool coding_supported(Coding c) {
    switch (c) {
        case Coding::gzip:
        case Coding::deflate: return true;
#ifdef HAVE_BROTLI
        case Coding::br: return true;
#else
        case Coding::br: return false;
#endif
        case Coding::unknown: break;
    }
    return false;
}

}  // namespace decode
}  // namespace tcpflow
