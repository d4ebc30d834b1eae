// Where scanner libraries are looked for, in order: --plugin-dir, then
// TCPFLOW_PLUGIN_PATH, then the YAML plugin_path, then the compiled-in folder
// (or, for a binary run from its build tree, the plugins built beside it).
// The first library to claim a scanner name wins.
#pragma once
#include <string>
#include <vector>

namespace tcpflow {

struct PluginSearchPath {
    std::vector<std::string> cli_dirs;      // --plugin-dir, in command-line order
    std::vector<std::string> env_dirs;      // TCPFLOW_PLUGIN_PATH
    std::vector<std::string> config_dirs;   // YAML plugin_path
    std::vector<std::string> default_dirs;  // compiled-in or build tree

    /// Every folder in search order, each once.
    std::vector<std::string> directories() const;
};

/// "a:b::c" -> {a, b, c} (empty entries dropped).
std::vector<std::string> split_path_list(const std::string& list);

/// The compiled-in scanner folder, or the build tree's plugins/*/.libs folders
/// when `program` lives under the build tree that `build_plugins_dir` belongs to.
std::vector<std::string> default_plugin_dirs(const std::string& installed_dir, const std::string& build_plugins_dir,
                                             const std::string& program);

/// The scanner candidates of one folder: names ending exactly in ".so", not
/// starting with '.', sorted by name. A missing folder yields nothing.
std::vector<std::string> scanner_files(const std::string& dir);

}  // namespace tcpflow
