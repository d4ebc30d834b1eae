// tcpflow: parse the command line, set up the scanner host, run the recorder.
// Exit status: see app/exit_status.h (0 ok, 1 input/output error, 2 command line
// or setting error, 3 a scanner failed, 128+N stopped by signal N).
#include <cstdio>
#include <iostream>
#include "app/exit_status.h"
#include "app/options.h"
#include "app/recorder.h"
#include "app/run_config.h"
#include "app/signals.h"
#include "app/usage.h"
#include "capture/packet_source.h"
#include "output/flow_namer.h"
#include "host/host_error.h"
#include "host/scanner_host.h"

using namespace tcpflow;

namespace {

HostConfig host_config(const Options& opt) {
    HostConfig hc;
    for (const CoreSetting& s : core_settings()) hc.core_params.push_back({s.name, s.default_value, s.help});
    hc.debug_level = opt.debug;
    hc.stop_requested = capture_stop_requested;
    return hc;
}

/// Core settings from the YAML file, then -S; other names go to the scanners.
std::vector<NameValue> apply_settings(const Options& opt, const ConfigFile* file, RunConfig& cfg) {
    if (file)
        for (const auto& [name, value] : file->core) {
            bool known;
            try {
                known = apply_core_setting(cfg, name, value);
            } catch (const UsageError& e) {
                throw UsageError("config " + opt.config_file + ": " + e.what());  // which file said it
            }
            if (!known) throw UsageError("config " + opt.config_file + ": unknown core setting '" + name + "'");
        }
    std::vector<NameValue> scanner_params;
    for (const auto& [name, value] : opt.settings)
        if (!apply_core_setting(cfg, name, value)) scanner_params.emplace_back(name, value);
    return scanner_params;
}

bool enables_a_scanner(const Options& opt) {
    for (const EnableCommand& c : opt.scanner_commands)
        if (c.kind != EnableCommand::Kind::Disable) return true;
    return opt.md5_requested;
}

int run(int argc, char** argv) {
    Options opt;
    try {
        opt = parse_command_line(argc, argv);
    } catch (const UsageError& e) {
        // One line on stderr names the mistake; the synopsis goes to stdout.
        fprintf(stderr, "tcpflow: %s\n", e.what());
        print_usage(stdout);
        return kExitUsage;
    }
    if (opt.version) {
        print_version(stdout);
        return 0;
    }
    try {
        make_namer(opt);  // a bad -T or -F is a command-line error, found before any work
    } catch (const NamingError& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitUsage;
    }

    ScannerHost host(host_config(opt));
    RunConfig cfg;
    cfg.output = opt.output;
    try {
        for (const std::string& d : opt.plugin_dirs) host.add_plugin_dir(d);
        const ConfigFile* file = opt.config_file.empty() ? nullptr : &host.load_config_file(opt.config_file);
        // Known before loading: -S plugin_trust decides which libraries may be opened.
        std::vector<NameValue> scanner_params = apply_settings(opt, file, cfg);
        if (opt.jobs) cfg.jobs = opt.jobs;  // -j over -S jobs and the YAML file
        host.set_plugin_trust_any(cfg.trust_any_plugin);
        std::vector<EnableCommand> commands = opt.scanner_commands;
        if (opt.md5_requested) commands.push_back({EnableCommand::Kind::Enable, "md5"});
        // -hh and -H list every scanner; a run opens only the libraries it names.
        if (opt.help > 1 || opt.scanner_details) host.load();
        else host.load_needed(commands, scanner_params);
        if (opt.help) {
            print_help(stdout, opt.help > 1);
            if (opt.help > 1) {
                fputs("\nSettings and scanners:\n", stdout);
                fflush(stdout);
                host.print_hh(std::cout);
            }
            return 0;
        }
        if (opt.scanner_details) {
            host.print_H(std::cout);
            return 0;
        }
        if (!cfg.output.store_output && enables_a_scanner(opt))
            throw UsageError("scanners need stored flow files: -FX cannot be combined with -e, -E or -a");
        if (opt.no_gzip) {
            // -Z: bodies are written as sent, under the same names (as tcpflow does).
            if (host.has_param("http_decompress")) scanner_params.emplace_back("http_decompress", "NO");
            if (host.is_installed("gzip")) commands.push_back({EnableCommand::Kind::Disable, "gzip"});
        }
        host.configure(commands, scanner_params);
    } catch (const UsageError& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitUsage;
    } catch (const HostError& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitUsage;
    }

    install_stop_signals(cfg.shutdown_timeout);
    Recorder recorder(opt, cfg, &host);
    try {
        recorder.start_scanners();  // before any output: a setting a scanner rejects creates nothing
    } catch (const HostError& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitUsage;
    }
    return recorder.run();
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitIoError;
    }
}
