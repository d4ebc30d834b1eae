#include "host/scanner_registry.h"

#include <ostream>

#include "host/host_error.h"
#include "host/scanner_package_hint.h"

namespace tcpflow {

namespace {

// Declares all of a scanner's parameters or none: a scanner refused half-way
// must not leave parameters behind.
std::string declare_all(const tcpflow_scanner_desc& d, ParamStore& params) {
    ParamStore trial = params;
    for (uint32_t i = 0; i < d.param_count; ++i)
        if (std::string why = trial.declare(d.params[i], d.name); !why.empty()) return why;
    params = std::move(trial);
    return "";
}

}  // namespace

std::string ScannerRegistry::add(std::unique_ptr<LoadedPlugin> plugin, ParamStore& params) {
    const std::string name = plugin->desc->name;
    if (const ScannerEntry* winner = find(name))
        return "duplicate scanner '" + name + "' ignored; using " + winner->plugin->path;
    if (std::string why = declare_all(*plugin->desc, params); !why.empty()) {
        note_refused(name, why);
        return why;
    }
    auto e = std::make_unique<ScannerEntry>();
    e->slot = entries_.size();
    e->enabled = (plugin->desc->flags & TCPFLOW_SCANNER_ENABLED_BY_DEFAULT) != 0;
    e->plugin = std::move(plugin);
    entries_.push_back(std::move(e));
    refused_.erase(name);
    return "";
}

void ScannerRegistry::note_refused(const std::string& name, const std::string& reason) {
    if (!name.empty() && !find(name)) refused_.emplace(name, reason);
}

ScannerEntry* ScannerRegistry::find(const std::string& name) {
    for (auto& e : entries_)
        if (e->name() == name) return e.get();
    return nullptr;
}

const ScannerEntry* ScannerRegistry::find(const std::string& name) const {
    return const_cast<ScannerRegistry*>(this)->find(name);
}

ScannerEntry& ScannerRegistry::require(const std::string& name) {
    if (ScannerEntry* e = find(name)) return *e;
    if (auto it = refused_.find(name); it != refused_.end())
        throw HostError("scanner '" + name + "' cannot be used: " + it->second);
    std::string names;
    for (const auto& e : entries_) names += (names.empty() ? "" : ", ") + e->name();
    throw HostError("scanner '" + name + "' is not installed; installed scanners: " +
                    (names.empty() ? std::string("(none)") : names) + scanner_package_hint(name));
}

// A scanner's "works with" partners come on with it (http brings gzip), once:
// the visited flag stops partner cycles.
void ScannerRegistry::enable(ScannerEntry& e, std::ostream& warnings) {
    if (e.enabled) return;
    e.enabled = true;
    for (const char* const* p = e.desc().works_with; p && *p; ++p) {
        if (ScannerEntry* partner = find(*p)) enable(*partner, warnings);
        else warnings << "tcpflow: scanner '" << e.name() << "' works with '" << *p << "', which is not installed\n";
    }
}

void ScannerRegistry::enable_default_partners(std::ostream& warnings) {
    for (auto& e : entries_)
        if (e->enabled) {
            e->enabled = false;
            enable(*e, warnings);
        }
}

void ScannerRegistry::apply(const EnableCommand& cmd, std::ostream& warnings) {
    using Kind = EnableCommand::Kind;
    switch (cmd.kind) {
    case Kind::Enable:
        enable(require(cmd.name), warnings);
        break;
    case Kind::EnableOnly: {
        ScannerEntry& target = require(cmd.name);
        for (auto& e : entries_) e->enabled = false;
        enable(target, warnings);
        break;
    }
    case Kind::Disable:
        // Disabling a scanner that was refused anyway is what the user wants.
        if (refused_.count(cmd.name)) break;
        require(cmd.name).enabled = false;
        break;
    case Kind::EnableAll:
        for (auto& e : entries_)
            if (!(e->desc().flags & TCPFLOW_SCANNER_NOT_IN_ALL)) enable(*e, warnings);
        break;
    }
}

}  // namespace tcpflow
