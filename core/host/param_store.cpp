#include "host/param_store.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <strings.h>

#include "host/host_error.h"

namespace tcpflow {

namespace {

bool parse_bool(const std::string& v, bool* out) {
    static const char* const yes[] = {"yes", "true", "on", "1", "y", "t"};
    static const char* const no[] = {"no", "false", "off", "0", "n", "f"};
    for (const char* w : yes)
        if (strcasecmp(v.c_str(), w) == 0) return *out = true, true;
    for (const char* w : no)
        if (strcasecmp(v.c_str(), w) == 0) return *out = false, true;
    return false;
}

bool parse_int(const std::string& v, int64_t* out) {
    if (v.empty()) return false;
    errno = 0;
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (errno || *end) return false;
    *out = n;
    return true;
}

bool parse_uint(const std::string& v, uint64_t* out) {
    if (v.empty() || v[0] == '-' || v[0] == ' ') return false;
    errno = 0;
    char* end = nullptr;
    unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (errno || *end) return false;
    *out = n;
    return true;
}

bool parse_double(const std::string& v, double* out) {
    if (v.empty()) return false;
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (*end || !std::isfinite(d)) return false;
    *out = d;
    return true;
}

std::string joined(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w : words) s += (s.empty() ? "" : ", ") + w;
    return s;
}

std::string range_text(const ParamSpec& s) {
    return " between " + std::to_string(s.min_value) + " and " + std::to_string(s.max_value);
}

std::string numeric_problem(const ParamSpec& s, const std::string& value) {
    double d = 0;
    bool ok = false;
    if (s.type == TCPFLOW_PARAM_INT) {
        int64_t n = 0;
        ok = parse_int(value, &n);
        d = static_cast<double>(n);
        if (ok && s.has_range && (n < s.min_value || n > s.max_value)) ok = false;
    } else if (s.type == TCPFLOW_PARAM_UINT) {
        uint64_t n = 0;
        ok = parse_uint(value, &n);
        if (ok && s.has_range &&
            ((s.min_value > 0 && n < static_cast<uint64_t>(s.min_value)) ||
             (s.max_value >= 0 && n > static_cast<uint64_t>(s.max_value))))
            ok = false;
    } else {
        ok = parse_double(value, &d);
        if (ok && s.has_range && (d < static_cast<double>(s.min_value) || d > static_cast<double>(s.max_value)))
            ok = false;
    }
    if (ok) return "";
    const char* what = s.type == TCPFLOW_PARAM_INT    ? "an integer"
                       : s.type == TCPFLOW_PARAM_UINT ? "a non-negative integer"
                                                      : "a number";
    return std::string("expected ") + what + (s.has_range ? range_text(s) : "");
}

}  // namespace

const char* param_type_name(tcpflow_param_type t) {
    switch (t) {
    case TCPFLOW_PARAM_BOOL: return "bool";
    case TCPFLOW_PARAM_INT: return "int";
    case TCPFLOW_PARAM_UINT: return "uint";
    case TCPFLOW_PARAM_DOUBLE: return "double";
    case TCPFLOW_PARAM_STRING: return "string";
    case TCPFLOW_PARAM_ENUM: return "enum";
    }
    return "unknown";
}

std::string invalid_param_value(const ParamSpec& s, const std::string& value) {
    switch (s.type) {
    case TCPFLOW_PARAM_BOOL: {
        bool b;
        return parse_bool(value, &b) ? "" : "expected yes/no, true/false, on/off or 1/0";
    }
    case TCPFLOW_PARAM_INT:
    case TCPFLOW_PARAM_UINT:
    case TCPFLOW_PARAM_DOUBLE:
        return numeric_problem(s, value);
    case TCPFLOW_PARAM_STRING:
        return "";
    case TCPFLOW_PARAM_ENUM:
        for (const auto& c : s.choices)
            if (c == value) return "";
        return "expected one of: " + joined(s.choices);
    }
    return "unknown parameter type";
}

void ParamStore::reserve(const std::string& name) { reserved_[name] = true; }

std::string ParamStore::declare(const tcpflow_param_desc& d, const std::string& owner) {
    if (!d.name || !*d.name) return "a parameter has no name";
    const std::string name = d.name;
    if (reserved_.count(name)) return "parameter '" + name + "' is a core parameter";
    if (auto it = index_.find(name); it != index_.end())
        return "parameter '" + name + "' is already declared by scanner '" + specs_[it->second].owner + "'";
    if (d.type < TCPFLOW_PARAM_BOOL || d.type > TCPFLOW_PARAM_ENUM)
        return "parameter '" + name + "' has unknown type " + std::to_string(d.type);
    if (d.type == TCPFLOW_PARAM_ENUM && (!d.choices || !d.choices[0]))
        return "enum parameter '" + name + "' has no choices";
    ParamSpec s;
    s.name = name;
    s.type = static_cast<tcpflow_param_type>(d.type);
    s.default_value = d.default_value ? d.default_value : "";
    s.help = d.help ? d.help : "";
    s.has_range = d.has_range != 0;
    s.min_value = d.min_value;
    s.max_value = d.max_value;
    for (const char* const* c = d.choices; c && *c; ++c) s.choices.push_back(*c);
    s.owner = owner;
    if (std::string why = invalid_param_value(s, s.default_value); !why.empty())
        return "parameter '" + name + "' has an invalid default '" + s.default_value + "' (" + why + ")";
    index_[name] = specs_.size();
    values_[name] = s.default_value;
    specs_.push_back(std::move(s));
    return "";
}

void ParamStore::set(const std::string& name, const std::string& value) {
    const ParamSpec* s = spec(name);
    if (!s) {
        // Core settings (reserved here by the app) are valid -S names too.
        std::vector<std::string> names;
        for (const auto& r : reserved_) names.push_back(r.first);
        for (const auto& p : specs_) names.push_back(p.name);
        throw HostError("unknown parameter '" + name + "'; valid parameters: " +
                        (names.empty() ? std::string("(none)") : joined(names)));
    }
    if (std::string why = invalid_param_value(*s, value); !why.empty())
        throw HostError("invalid value '" + value + "' for parameter '" + name + "' (" + param_type_name(s->type) +
                        "): " + why);
    values_[name] = value;
    given_.insert(name);
}

const ParamSpec* ParamStore::spec(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &specs_[it->second];
}

const std::string* ParamStore::value(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

std::vector<const ParamSpec*> ParamStore::owned_by(const std::string& owner) const {
    std::vector<const ParamSpec*> out;
    for (const auto& s : specs_)
        if (s.owner == owner) out.push_back(&s);
    return out;
}

int32_t ParamStore::get_bool(const std::string& name, int32_t* out) const {
    const ParamSpec* s = spec(name);
    if (!s) return TCPFLOW_ERR_UNKNOWN;
    bool b = false;
    if (s->type != TCPFLOW_PARAM_BOOL || !parse_bool(*value(name), &b)) return TCPFLOW_ERR_TYPE;
    *out = b ? 1 : 0;
    return TCPFLOW_OK;
}

int32_t ParamStore::get_int(const std::string& name, int64_t* out) const {
    const ParamSpec* s = spec(name);
    if (!s) return TCPFLOW_ERR_UNKNOWN;
    if (s->type != TCPFLOW_PARAM_INT && s->type != TCPFLOW_PARAM_UINT) return TCPFLOW_ERR_TYPE;
    return parse_int(*value(name), out) ? TCPFLOW_OK : TCPFLOW_ERR_TYPE;
}

int32_t ParamStore::get_uint(const std::string& name, uint64_t* out) const {
    const ParamSpec* s = spec(name);
    if (!s) return TCPFLOW_ERR_UNKNOWN;
    if (s->type != TCPFLOW_PARAM_INT && s->type != TCPFLOW_PARAM_UINT) return TCPFLOW_ERR_TYPE;
    return parse_uint(*value(name), out) ? TCPFLOW_OK : TCPFLOW_ERR_TYPE;
}

int32_t ParamStore::get_double(const std::string& name, double* out) const {
    const ParamSpec* s = spec(name);
    if (!s) return TCPFLOW_ERR_UNKNOWN;
    if (s->type != TCPFLOW_PARAM_INT && s->type != TCPFLOW_PARAM_UINT && s->type != TCPFLOW_PARAM_DOUBLE)
        return TCPFLOW_ERR_TYPE;
    return parse_double(*value(name), out) ? TCPFLOW_OK : TCPFLOW_ERR_TYPE;
}

}  // namespace tcpflow
