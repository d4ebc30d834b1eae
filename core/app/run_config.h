// Everything the recorder needs, derived from the command line, the YAML file
// and -S core settings (defaults < YAML < command line).
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "decode/defrag.h"
#include "flow/flow_table.h"
#include "output/output_config.h"

namespace tcpflow {

/// The most -j workers a run may ask for.
constexpr unsigned kMaxJobs = 1024;

struct RunConfig {
    FlowConfig flow;
    OutputConfig output;
    DefragConfig defrag;
    int64_t tdelta = 0;               // seconds added to every packet time
    int packet_buffer_timeout = 10;   // ms, live capture
    bool enable_report = true;
    bool trust_any_plugin = false;    // -S plugin_trust=any
    uint64_t capture_buffer = 32ull << 20;  // live capture kernel buffer; 0 = libpcap's default
    unsigned jobs = 0;                // -j / -S jobs: worker threads; 0 = the online cores
    unsigned shutdown_timeout = 5;    // s from a stop signal until the shutdown is forced; 0: never
};

/// A core -S setting: listed first by -hh, validated by apply_core_setting().
struct CoreSetting {
    const char* name;
    const char* default_value;
    const char* help;
};
const std::vector<CoreSetting>& core_settings();

/// Apply `name=value` if `name` is a core setting. Returns false for other names
/// (they belong to scanners). Throws UsageError for a bad value.
bool apply_core_setting(RunConfig& cfg, const std::string& name, const std::string& value);

/// A boolean setting's value: YES/NO, TRUE/FALSE, ON/OFF, Y/N, T/F, 1/0 (any case).
/// Throws UsageError naming `name` and the valid values for anything else.
bool parse_tcpflow_bool(const std::string& name, const std::string& v);

}  // namespace tcpflow
