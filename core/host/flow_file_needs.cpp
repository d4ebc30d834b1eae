// -FX (no flow files stored): only scanners whose descriptor says
// TCPFLOW_SCANNER_NO_FLOW_FILES (SDK 1.3) can do their work. A scanner the
// user asked for by name (-e, -E, the YAML file's enable list, -FM) or by
// setting one of its parameters (-S tcp_cmd=...) that lacks the flag stops
// the run with a message naming the flag; one that is merely on by default,
// or came with -a, is switched off quietly: -FX -a means "every scanner that
// can run without flow files".
#include "host/flow_file_needs.h"

#include <set>
#include <utility>

#include "host/host_error.h"
#include "host/scanner_host.h"

namespace tcpflow {

bool runs_without_flow_files(const tcpflow_scanner_desc& d) {
    // Before 1.3 the bit meant nothing; an older scanner cannot have declared it.
    return d.abi_minor >= 3 && (d.flags & TCPFLOW_SCANNER_NO_FLOW_FILES) != 0;
}

void ScannerHost::keep_scanners_without_flow_files(const std::vector<EnableCommand>& commands) {
    std::set<std::string> named;
    for (const std::vector<EnableCommand>* list : {&std::as_const(file_config_.scanner_commands), &commands})
        for (const EnableCommand& c : *list)
            if (c.kind == EnableCommand::Kind::Enable || c.kind == EnableCommand::Kind::EnableOnly)
                named.insert(c.name);
            else if (c.kind == EnableCommand::Kind::Disable)
                named.erase(c.name);
    for (auto& e : registry_.entries()) {
        if (!e->enabled || runs_without_flow_files(e->desc())) continue;
        // Setting one of its parameters (-S tcp_cmd=...) asks for it as much as -e does.
        bool configured = false;
        for (const ParamSpec* p : params_.owned_by(e->name())) configured = configured || params_.was_set(p->name);
        if (named.count(e->name()) || configured)
            throw HostError("scanner '" + e->name() +
                            "' needs stored flow files and cannot run with -FX (its descriptor lacks "
                            "TCPFLOW_SCANNER_NO_FLOW_FILES)");
        e->enabled = false;
    }
}

}  // namespace tcpflow
