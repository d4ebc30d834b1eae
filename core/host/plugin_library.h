// Opening one scanner library: dlopen with RTLD_NOW|RTLD_LOCAL (missing symbols
// fail here, not mid-capture; plugins cannot see each other's symbols), find
// the entry symbol, check the ABI and the descriptor.
#pragma once
#include <boost/dll/shared_library.hpp>
#include <memory>
#include <string>
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

/// A scanner library that passed every check. The library stays loaded as
/// long as this object lives: nothing it created may outlive it.
struct LoadedPlugin {
    std::string path;
    boost::dll::shared_library library;
    const tcpflow_scanner_desc* desc = nullptr;
};

struct LoadOutcome {
    std::unique_ptr<LoadedPlugin> plugin;  // null when refused
    std::string reason;                    // why it was refused
    std::string name;                      // scanner name when the descriptor was readable
};

LoadOutcome load_plugin(const std::string& path);

/// [a-z0-9_]+: what a scanner may be called (and so never a path).
bool is_scanner_name(const char* s);

/// "" when the descriptor's identity, parameter table and callbacks are usable;
/// otherwise the first missing piece, by its field or callback name (descriptor_check.cpp).
std::string descriptor_problem(const tcpflow_scanner_desc& desc);

}  // namespace tcpflow
