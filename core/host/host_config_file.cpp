#include "host/host_config_file.h"

#include <yaml-cpp/yaml.h>

#include "host/host_error.h"
#include "host/plugin_search_path.h"

namespace tcpflow {

namespace {

class Reader {
public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
        std::string where = path_;
        if (at.IsDefined() && at.Mark().line >= 0) where += ":" + std::to_string(at.Mark().line + 1);
        throw HostError("config " + where + ": " + what);
    }

    std::string scalar(const YAML::Node& n, const std::string& what) const {
        if (!n.IsScalar()) fail(n, what + " must be a single value");
        return n.as<std::string>();
    }

    // Accepts "a" and [a, b]: a one-item list is the common case.
    std::vector<std::string> list(const YAML::Node& n, const std::string& what) const {
        std::vector<std::string> out;
        if (!n.IsDefined() || n.IsNull()) return out;
        if (n.IsScalar()) return {n.as<std::string>()};
        if (!n.IsSequence()) fail(n, what + " must be a list");
        for (const auto& item : n) out.push_back(scalar(item, what + " entry"));
        return out;
    }

    std::vector<NameValue> mapping(const YAML::Node& n, const std::string& what) const {
        std::vector<NameValue> out;
        if (!n.IsDefined() || n.IsNull()) return out;
        if (!n.IsMap()) fail(n, what + " must be a mapping of name: value");
        for (const auto& kv : n) {
            const std::string key = scalar(kv.first, what + " name");
            // An empty value (tcp_cmd:) means the empty string, as -S tcp_cmd= does.
            out.emplace_back(key, kv.second.IsNull() ? std::string() : scalar(kv.second, key));
        }
        return out;
    }

    void scanners(const YAML::Node& n, ConfigFile& cfg) const {
        if (n.IsNull()) return;
        if (!n.IsMap()) fail(n, "scanners must be a mapping with enable and/or disable");
        for (const auto& kv : n) {
            const std::string key = scalar(kv.first, "scanners key");
            if (key != "enable" && key != "disable") fail(kv.first, "unknown key scanners." + key + "; valid keys: enable, disable");
        }
        for (const auto& name : list(n["enable"], "scanners.enable"))
            cfg.scanner_commands.push_back(EnableCommand::from_flag('e', name));
        for (const auto& name : list(n["disable"], "scanners.disable"))
            cfg.scanner_commands.push_back(EnableCommand::from_flag('x', name));
    }

    ConfigFile read(const YAML::Node& root) const {
        ConfigFile cfg;
        if (root.IsNull()) return cfg;
        if (!root.IsMap()) fail(root, "the top level must be a mapping");
        for (const auto& kv : root) {
            const std::string key = scalar(kv.first, "top-level key");
            const YAML::Node& v = kv.second;
            if (key == "plugin_path") {
                for (const auto& entry : list(v, "plugin_path"))
                    for (const auto& dir : split_path_list(entry)) cfg.plugin_path.push_back(dir);
            } else if (key == "scanners") {
                scanners(v, cfg);
            } else if (key == "parameters") {
                cfg.parameters = mapping(v, "parameters");
            } else if (key == "core") {
                cfg.core = mapping(v, "core");
            } else {
                fail(kv.first, "unknown key '" + key + "'; valid keys: plugin_path, scanners, parameters, core");
            }
        }
        return cfg;
    }

private:
    std::string path_;
};

}  // namespace

ConfigFile read_config_file(const std::string& path) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        throw HostError("config " + path + ": cannot read the file");
    } catch (const YAML::Exception& e) {
        throw HostError("config " + path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    return Reader(path).read(root);
}

}  // namespace tcpflow
