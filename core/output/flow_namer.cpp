#include "output/flow_namer.h"
#include <vector>
#include "output/number_format.h"

namespace tcpflow {

namespace {

constexpr const char* kCodes = "AaBbEeVvTtcC#NKMGS%";

/// One piece of a template: a literal character or a % code.
struct Token {
    bool is_code;
    char c;
};

std::vector<Token> tokenize(const std::string& tmpl) {
    std::vector<Token> out;
    out.reserve(tmpl.size());
    for (size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] != '%') {
            out.push_back({false, tmpl[i]});
            continue;
        }
        if (i + 1 == tmpl.size())
            throw NamingError("invalid filename template '" + tmpl + "': it ends with a lone '%'");
        char code = tmpl[++i];
        if (std::string(kCodes).find(code) == std::string::npos || code == '\0')
            throw NamingError("invalid filename template '" + tmpl + "': unknown code %" + code +
                              " (valid: %A %a %B %b %E %e %V %v %T %t %c %C %# %N %K %M %G %S %%)");
        out.push_back({true, code});
    }
    return out;
}

std::string join(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens) {
        if (t.is_code) out += '%';
        out += t.c;
    }
    return out;
}

bool has_code(const std::vector<Token>& tokens, char code) {
    for (const Token& t : tokens)
        if (t.is_code && t.c == code) return true;
    return false;
}

// tcpflow 1.6.1's -Fc turns %c into %C, which gives "...cc" names, no counter on
// the first file, and an endless loop on the third file of the same name. Its help
// promises "append counter to ALL filenames", so we do that instead: "%C%c"
// becomes "c%#" (first file "...c0", then "...c1"), a lone %c becomes %#, and a
// lone %C becomes a literal "c". Applying it twice changes nothing more.
std::string counter_on_every_file(const std::string& tmpl) {
    std::vector<Token> in = tokenize(tmpl), out;
    for (size_t i = 0; i < in.size(); ++i) {
        const Token& t = in[i];
        if (t.is_code && t.c == 'C' && i + 1 < in.size() && in[i + 1].is_code && in[i + 1].c == 'c') {
            out.push_back({false, 'c'});
            out.push_back({true, '#'});
            ++i;
        } else if (t.is_code && t.c == 'c') {
            out.push_back({true, '#'});
        } else if (t.is_code && t.c == 'C') {
            out.push_back({false, 'c'});
        } else {
            out.push_back(t);
        }
    }
    return join(out);
}

void append_bin(std::string& out, uint64_t id, uint64_t divisor) { append_zero_padded(out, id / divisor % 1000, 3); }

}  // namespace

FlowNamer::FlowNamer() : tmpl_(kDefaultTemplate) {}

void FlowNamer::set_template(const std::string& tmpl) {
    std::vector<Token> tokens = tokenize(tmpl);
    tmpl_ = has_code(tokens, 'c') ? tmpl : tmpl + "%C%c";
}

void FlowNamer::apply_format_letters(const std::string& letters) {
    for (char l : letters) {
        switch (l) {
            case 'c': tmpl_ = counter_on_every_file(tmpl_); break;
            case 't': tmpl_ = "%tT" + tmpl_; break;
            case 'T': tmpl_ = "%T" + tmpl_; break;
            case 'k': tmpl_ = "%K/" + tmpl_; break;
            case 'm': tmpl_ = "%M000-%M999/%M%K/" + tmpl_; break;
            case 'g': tmpl_ = "%G000000-%G999999/%G%M000-%G%M999/%G%M%K/" + tmpl_; break;
            case 'X': case 'M': break;  // no-store and md5 are flags the caller acts on
            default:
                throw NamingError(std::string("invalid -F letter '") + l + "': valid letters are c t T X M k m g");
        }
    }
}

bool FlowNamer::names_connections_apart() const {
    std::string codes;
    for (size_t i = 0; i + 1 < tmpl_.size(); ++i)
        if (tmpl_[i] == '%') codes += tmpl_[++i];
    for (char needed : {'A', 'a', 'B', 'b', 'v'})
        if (codes.find(needed) == std::string::npos) return false;
    return codes.find_first_of("NKMGS") == std::string::npos;
}

bool FlowNamer::uses_counter() const {
    std::vector<Token> tokens = tokenize(tmpl_);
    return has_code(tokens, 'c') || has_code(tokens, 'C') || has_code(tokens, '#');
}

std::string FlowNamer::name(const FlowInfo& flow, uint32_t connection_count) const {
    const FlowKey& k = flow.key;
    std::string out;
    out.reserve(64);
    for (size_t i = 0; i < tmpl_.size(); ++i) {
        char ch = tmpl_[i];
        if (ch != '%' || i + 1 == tmpl_.size()) {
            out += ch;
            continue;
        }
        switch (tmpl_[++i]) {
            case 'A': out += format_flow_address(k.family, k.src); break;
            case 'a': append_zero_padded(out, k.sport, 5); break;
            case 'B': out += format_flow_address(k.family, k.dst); break;
            case 'b': append_zero_padded(out, k.dport, 5); break;
            case 'E': append_mac(out, flow.mac_src); break;
            case 'e': append_mac(out, flow.mac_dst); break;
            case 'V': if (k.has_vlan) out += "--"; break;
            case 'v': if (k.has_vlan) append_decimal(out, k.vlan); break;
            case 'T': out += iso8601_sec(flow.first_ts.sec); break;
            case 't': append_signed_decimal(out, flow.first_ts.sec); break;
            case 'c': if (connection_count > 0) append_decimal(out, connection_count); break;
            case 'C': if (connection_count > 0) out += 'c'; break;
            case '#': append_decimal(out, connection_count); break;
            case 'N': append_bin(out, flow.flow_id, 1); break;
            case 'K': append_bin(out, flow.flow_id, 1000); break;
            case 'M': append_bin(out, flow.flow_id, 1000000); break;
            case 'G': append_bin(out, flow.flow_id, 1000000000); break;
            case 'S': append_zero_padded(out, flow.session_id, 20); break;
            default: out += tmpl_[i]; break;  // "%%"; other codes were refused by set_template
        }
    }
    return out;
}

}  // namespace tcpflow
