// The scanners of this run as report.xml's <configuration> lists them: every
// library loaded, once (per-worker instances share one registry entry), with
// the value each of its parameters has for the run.
#include "host/scanner_host.h"

namespace tcpflow {

std::vector<ScannerDescription> ScannerHost::describe_scanners() const {
    std::vector<ScannerDescription> out;
    for (const auto& e : registry_.entries()) {
        const tcpflow_scanner_desc& d = e->desc();
        ScannerDescription s;
        s.name = d.name;
        s.version = d.version;
        s.abi = std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor);
        s.path = e->plugin->path;
        s.enabled = e->enabled;
        for (const ParamSpec* p : params_.owned_by(s.name)) s.settings.emplace_back(p->name, *params_.value(p->name));
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace tcpflow
