// The YAML configuration file (--config FILE). Schema:
//
//   plugin_path: [/opt/scanners, ~/scanners]   # or one string "a:b"
//   scanners:
//     enable: [md5, http]                      # "all" = -a
//     disable: [netviz]
//   parameters:                                # -S name=value, for any scanner
//     md5_algorithms: md5,sha256
//     tcp_cmd: /usr/local/bin/on-flow
//   core:                                      # core -S settings, handed to the app
//     tcp_timeout: 300
//
// Command-line options win over the file: the file's commands and parameters
// are applied first, then the command line's.
#pragma once
#include <string>
#include <utility>
#include <vector>
#include "host/enable_command.h"

namespace tcpflow {

using NameValue = std::pair<std::string, std::string>;

struct ConfigFile {
    std::vector<std::string> plugin_path;
    std::vector<EnableCommand> scanner_commands;  // enable list, then disable list
    std::vector<NameValue> parameters;            // in file order
    std::vector<NameValue> core;                  // in file order; the app interprets them
};

/// Reads and checks the file's shape; throws HostError ("config FILE: ...").
ConfigFile read_config_file(const std::string& path);

}  // namespace tcpflow
