#include "host/plugin_search_path.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace tcpflow {

namespace fs = std::filesystem;

std::vector<std::string> PluginSearchPath::directories() const {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto* list : {&cli_dirs, &env_dirs, &config_dirs, &default_dirs})
        for (const auto& d : *list)
            if (!d.empty() && seen.insert(d).second) out.push_back(d);
    return out;
}

std::vector<std::string> split_path_list(const std::string& list) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find(':', start);
        if (end == std::string::npos) end = list.size();
        if (end > start) out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

static bool is_under(const fs::path& child, const fs::path& dir) {
    auto c = child.begin();
    for (auto d = dir.begin(); d != dir.end(); ++d, ++c)
        if (c == child.end() || *c != *d) return false;
    return true;
}

std::vector<std::string> default_plugin_dirs(const std::string& installed_dir, const std::string& build_plugins_dir,
                                             const std::string& program) {
    std::error_code ec;
    const fs::path build_top = fs::path(build_plugins_dir).parent_path();
    const fs::path prog = fs::weakly_canonical(program, ec);
    if (build_plugins_dir.empty() || program.empty() || ec || !is_under(prog, fs::weakly_canonical(build_top, ec)))
        return {installed_dir};
    // libtool leaves each uninstalled module in plugins/NAME/.libs/scan_NAME.so.
    std::vector<std::string> dirs;
    for (const auto& entry : fs::directory_iterator(build_plugins_dir, ec)) {
        fs::path libs = entry.path() / ".libs";
        if (fs::is_directory(libs, ec)) dirs.push_back(libs.string());
    }
    std::sort(dirs.begin(), dirs.end());
    return dirs;
}

std::vector<std::string> scanner_files(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= 3 || name[0] == '.' || name.compare(name.size() - 3, 3, ".so") != 0) continue;
        if (!entry.is_regular_file(ec)) continue;
        out.push_back(entry.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace tcpflow
