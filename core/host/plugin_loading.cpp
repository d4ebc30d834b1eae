// Which scanner libraries a run opens. Opening a library runs its code (its
// constructors), so a run opens only what it names: scan_NAME.so for each
// scanner of -e/-E/-x and the YAML file, for each -S parameter (by the name's
// prefix: http_decompress -> scan_http.so) and for their partners. Only -hh,
// -H, -a / -e all, or a name not found that way opens every library of every
// folder. Each library and each folder must also pass check_plugin_trust()
// unless -S plugin_trust=any.
#include <boost/dll/runtime_symbol_info.hpp>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <utility>

#include "host/plugin_trust.h"
#include "host/scanner_host.h"

#ifndef TCPFLOW_PLUGIN_DIR
#define TCPFLOW_PLUGIN_DIR ""
#endif
#ifndef TCPFLOW_BUILD_PLUGIN_DIR
#define TCPFLOW_BUILD_PLUGIN_DIR ""
#endif

namespace tcpflow {

namespace fs = std::filesystem;

void ScannerHost::prepare_search() {
    if (config_.use_environment)
        if (const char* env = std::getenv("TCPFLOW_PLUGIN_PATH")) search_.env_dirs = split_path_list(env);
    if (config_.use_default_dirs) {
        std::string program = config_.program_path;
        if (program.empty()) {
            boost::dll::fs::error_code ec;
            program = boost::dll::program_location(ec).string();
        }
        search_.default_dirs = default_plugin_dirs(
            config_.installed_dir.empty() ? TCPFLOW_PLUGIN_DIR : config_.installed_dir,
            config_.build_plugins_dir.empty() ? TCPFLOW_BUILD_PLUGIN_DIR : config_.build_plugins_dir, program);
    }
}

void ScannerHost::load() {
    prepare_search();
    for (const auto& dir : search_.directories())
        if (folder_trusted(dir))
            for (const auto& file : scanner_files(dir)) load_file(file);
    registry_.enable_default_partners(err());
}

void ScannerHost::load_needed(const std::vector<EnableCommand>& commands, const std::vector<NameValue>& params) {
    std::vector<std::string> names;
    for (const std::vector<EnableCommand>* list : {&std::as_const(file_config_.scanner_commands), &commands})
        for (const EnableCommand& c : *list) {
            if (c.kind == EnableCommand::Kind::EnableAll) return load();
            names.push_back(c.name);
        }
    prepare_search();
    bool found = true;
    for (const std::string& name : names) found = found && load_by_name(name);
    for (const std::vector<NameValue>* list : {&std::as_const(file_config_.parameters), &params})
        for (const auto& [name, value] : *list) found = found && load_for_param(name);
    found = found && load_partners();
    // A scanner whose library is named otherwise is still found, the old way.
    if (!found) return load();
    registry_.enable_default_partners(err());
}

bool ScannerHost::load_by_name(const std::string& name) {
    if (registry_.find(name)) return true;
    if (!is_scanner_name(name.c_str())) return false;  // never a path
    for (const auto& dir : search_.directories()) {
        const std::string path = dir + "/scan_" + name + ".so";
        std::error_code ec;
        if (folder_trusted(dir) && fs::is_regular_file(path, ec)) load_file(path);
        if (registry_.find(name)) return true;
    }
    return registry_.is_refused(name);  // found but unusable: -e NAME says why
}

bool ScannerHost::load_for_param(const std::string& name) {
    for (size_t cut = name.find('_'); !params_.has(name) && cut != std::string::npos; cut = name.find('_', cut + 1))
        load_by_name(name.substr(0, cut));
    return params_.has(name);
}

bool ScannerHost::load_partners() {
    auto& entries = registry_.entries();
    for (size_t i = 0; i < entries.size(); ++i)  // grows while partners load
        for (const char* const* p = entries[i]->desc().works_with; p && *p; ++p)
            if (!load_by_name(*p)) return false;
    return true;
}

bool ScannerHost::folder_trusted(const std::string& dir) {
    if (trust_any_) return true;
    auto it = folder_problems_.find(dir);
    if (it != folder_problems_.end()) return it->second.empty();
    std::error_code ec;
    // A folder that does not exist holds nothing to load and nothing to warn about.
    const std::string problem = fs::is_directory(dir, ec) ? check_plugin_trust(dir).problem : "";
    folder_problems_.emplace(dir, problem);
    if (problem.empty()) return true;
    err() << "tcpflow: plugin folder " << dir << ": not searched: " << problem
          << " (-S plugin_trust=any searches it anyway)\n";
    for (const auto& file : scanner_files(dir))
        registry_.note_refused(scanner_name_from_file(file), "its folder " + dir + " is not trusted: " + problem);
    return false;
}

void ScannerHost::load_file(const std::string& path) {
    const TrustCheck trust = check_plugin_trust(path);
    // Each library once, however many folders or links lead to it.
    if (!trust.real_path.empty() && !tried_.insert(trust.real_path).second) return;
    if (!trust_any_ && !trust.problem.empty()) {
        registry_.note_refused(scanner_name_from_file(path), "not trusted: " + trust.problem);
        err() << "tcpflow: plugin " << path << ": not loaded: " << trust.problem
              << " (-S plugin_trust=any loads it anyway)\n";
        return;
    }
    // The checked path is the one opened: no link can be swapped in between.
    LoadOutcome out = load_plugin(trust.real_path.empty() ? path : trust.real_path);
    if (!out.plugin) {
        registry_.note_refused(out.name, out.reason);
        err() << "tcpflow: plugin " << path << ": " << out.reason << "\n";
        return;
    }
    out.plugin->path = path;
    // The same file reached through two folders is one scanner, not a duplicate.
    for (const auto& e : registry_.entries())
        if (boost::dll::fs::equivalent(e->plugin->path, path)) return;
    if (std::string why = registry_.add(std::move(out.plugin), params_); !why.empty())
        err() << "tcpflow: plugin " << path << ": " << why << "\n";
}

}  // namespace tcpflow
