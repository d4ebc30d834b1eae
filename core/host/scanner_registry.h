// Every scanner that loaded, in search-path order, with its enabled flag, and
// the names of scanners that were found but refused (so "-e NAME" can say why).
#pragma once
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "host/enable_command.h"
#include "host/param_store.h"
#include "host/plugin_library.h"
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {
class ScannerHost;
}

/// The opaque handle of scanner.h: which host, which scanner.
struct tcpflow_host {
    tcpflow::ScannerHost* host;
    size_t slot;
};

namespace tcpflow {

struct ScannerEntry {
    std::shared_ptr<LoadedPlugin> plugin;  // shared by the -j workers' copies of the entry
    size_t slot = 0;  // position in the registry, indexes per-flow state
    bool enabled = false;

    // Run state, set by ScannerHost::start.
    tcpflow_host handle{};
    tcpflow_host_api api{};
    void* instance = nullptr;
    bool initialised = false;
    bool failed = false;  // returned an error or threw: no more data events (close events still come)
    std::string last_error;  // the last error it logged during the current callback
    uint32_t events = 0;  // what this run delivers: the descriptor's, narrowed at init

    const tcpflow_scanner_desc& desc() const { return *plugin->desc; }
    std::string name() const { return plugin->desc->name; }
    bool wants(uint32_t event) const { return (events & event) != 0; }
};

class ScannerRegistry {
public:
    /// Registers a loaded scanner and declares its parameters. Returns "" on
    /// success, or why it was not registered (duplicate name, parameter clash).
    std::string add(std::unique_ptr<LoadedPlugin> plugin, ParamStore& params);
    /// Remembers that a library claiming `name` was refused for `reason`.
    void note_refused(const std::string& name, const std::string& reason);

    /// Applies one -e/-E/-x/-a command; throws HostError for an unknown name.
    void apply(const EnableCommand& cmd, std::ostream& warnings);
    /// Enables the partners of scanners enabled by default (before any command).
    void enable_default_partners(std::ostream& warnings);

    /// A library claiming `name` was refused and none was accepted.
    bool is_refused(const std::string& name) const { return refused_.count(name) != 0; }
    ScannerEntry* find(const std::string& name);
    const ScannerEntry* find(const std::string& name) const;
    const std::vector<std::unique_ptr<ScannerEntry>>& entries() const { return entries_; }
    std::vector<std::unique_ptr<ScannerEntry>>& entries() { return entries_; }

private:
    ScannerEntry& require(const std::string& name);
    void enable(ScannerEntry& e, std::ostream& warnings);

    std::vector<std::unique_ptr<ScannerEntry>> entries_;
    std::map<std::string, std::string> refused_;  // name -> reason
};

}  // namespace tcpflow
