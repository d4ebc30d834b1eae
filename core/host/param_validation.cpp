#include "host/param_validation.h"

#include <exception>

#include "host/host_error.h"
#include "host/scanner_host.h"

namespace tcpflow {

namespace {

/// The scanner's words as one line: its buffer may hold a newline or no
/// terminator at all; neither may break the host's one-line message.
std::string one_line(const char* why, size_t size) {
    std::string out;
    for (size_t i = 0; i < size && why[i]; ++i) out += (why[i] == '\n' || why[i] == '\r') ? ' ' : why[i];
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out.empty() ? "no reason given" : out;
}

}  // namespace

std::string scanner_param_rejection(const tcpflow_scanner_desc& d, const std::string& name, const std::string& value) {
    if (!TCPFLOW_DESC_HAS(&d, validate_param) || !d.validate_param) return "";
    char why[512] = "";
    int32_t status;
    try {
        status = d.validate_param(name.c_str(), value.c_str(), why, sizeof why);
    } catch (const std::exception& e) {  // a C++ validator that throws has said no
        return "scanner '" + std::string(d.name) + "' rejects " + name + "='" + value + "': " + e.what();
    } catch (...) {
        return "scanner '" + std::string(d.name) + "' rejects " + name + "='" + value + "'";
    }
    if (status == TCPFLOW_OK) return "";
    return "scanner '" + std::string(d.name) + "' rejects " + name + "='" + value + "': " + one_line(why, sizeof why);
}

// Only settings that were given (-S, YAML) are asked about: a default is the
// scanner's own choice.
void ScannerHost::validate_params() const {
    for (const auto& e : registry_.entries()) {
        if (!e->enabled) continue;
        for (const ParamSpec* p : params_.owned_by(e->name()))
            if (params_.was_set(p->name))
                if (std::string why = scanner_param_rejection(e->desc(), p->name, *params_.value(p->name)); !why.empty())
                    throw HostError(why);
    }
}

}  // namespace tcpflow
