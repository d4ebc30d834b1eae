// -hh and -H: listings built from the descriptors and the parameter store.
// -hh is meant to be diffed (tests keep golden copies), so its shape is fixed:
// one line per scanner, parameters indented under it.
#include <ostream>

#include "host/scanner_host.h"

namespace tcpflow {

namespace {

void param_line(std::ostream& os, const std::string& name, const std::string& def, const std::string& help) {
    os << "   -S " << name << "=" << def << "    " << help << "\n";
}

std::string event_names(uint32_t events) {
    static const std::pair<uint32_t, const char*> names[] = {
        {TCPFLOW_EVENT_PACKET, "packet"},       {TCPFLOW_EVENT_FLOW_OPEN, "flow-open"},
        {TCPFLOW_EVENT_FLOW_DATA, "flow-data"}, {TCPFLOW_EVENT_FLOW_CLOSE, "flow-close"},
        {TCPFLOW_EVENT_OBJECT, "object"},       {TCPFLOW_EVENT_END_OF_RUN, "end-of-run"},
    };
    std::string out;
    for (const auto& [bit, name] : names)
        if (events & bit) out += (out.empty() ? "" : ", ") + std::string(name);
    return out.empty() ? "none" : out;
}

std::string flag_names(uint32_t flags) {
    std::string out;
    if (flags & TCPFLOW_SCANNER_ENABLED_BY_DEFAULT) out += "enabled-by-default";
    if (flags & TCPFLOW_SCANNER_NOT_IN_ALL) out += (out.empty() ? "" : ", ") + std::string("not-in-all");
    if (flags & TCPFLOW_SCANNER_NO_FLOW_FILES) out += (out.empty() ? "" : ", ") + std::string("no-flow-files");
    return out.empty() ? "none" : out;
}

void param_details(std::ostream& os, const ParamSpec& p) {
    os << "    " << p.name << " (" << param_type_name(p.type) << ", default '" << p.default_value << "'): " << p.help
       << "\n";
    if (p.has_range) os << "      range: " << p.min_value << " .. " << p.max_value << "\n";
    if (!p.choices.empty()) {
        os << "      choices:";
        for (const auto& c : p.choices) os << " " << c;
        os << "\n";
    }
}

}  // namespace

void ScannerHost::print_hh(std::ostream& os) const {
    os << "Core parameters (-S name=value):\n";
    for (const auto& p : config_.core_params) param_line(os, p.name, p.default_value, p.help);
    os << "\nScanners (name version enabled|disabled path; -e NAME enables, -x NAME disables):\n";
    for (const auto& e : registry_.entries()) {
        os << e->name() << " " << e->desc().version << " " << (e->enabled ? "enabled" : "disabled") << " "
           << e->plugin->path << "\n";
        for (const ParamSpec* p : params_.owned_by(e->name())) param_line(os, p->name, p->default_value, p->help);
    }
    os << "\nScanner folders searched, in order:\n";
    for (const auto& d : search_.directories()) os << "   " << d << "\n";
}

void ScannerHost::print_H(std::ostream& os) const {
    for (const auto& e : registry_.entries()) {
        const tcpflow_scanner_desc& d = e->desc();
        os << "Scanner: " << d.name << "\n"
           << "  version: " << d.version << "\n"
           << "  description: " << d.description << "\n"
           << "  license: " << d.license << "\n"
           << "  file: " << e->plugin->path << "\n"
           << "  scanner ABI: " << d.abi_major << "." << d.abi_minor << "\n"
           << "  state: " << (e->enabled ? "enabled" : "disabled") << "\n"
           << "  flags: " << flag_names(d.flags) << "\n"
           << "  events: " << event_names(d.events) << "\n";
        if (d.works_with && d.works_with[0]) {
            os << "  works with:";
            for (const char* const* p = d.works_with; *p; ++p) os << " " << *p;
            os << "\n";
        }
        const auto params = params_.owned_by(e->name());
        if (!params.empty()) os << "  parameters:\n";
        for (const ParamSpec* p : params) param_details(os, *p);
        os << "\n";
    }
}

}  // namespace tcpflow
