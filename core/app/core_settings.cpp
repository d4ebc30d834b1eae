// The core's own -S settings, as one table that -S, the YAML file and -hh share.
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include "app/options.h"
#include "app/run_config.h"

namespace tcpflow {

const std::vector<CoreSetting>& core_settings() {
    static const std::vector<CoreSetting> table = {
        {"tdelta", "0", "Time delta in seconds added to every packet time"},
        {"packet-buffer-timeout", "10", "Time in milliseconds between each callback from libpcap (live capture)"},
        {"enable_report", "YES", "Enable report.xml"},
        {"tcp_timeout", "0", "Idle seconds (packet time) after which a flow is closed; 0 = never"},
        {"overlap_policy", "first", "Which bytes win when retransmissions overlap: first|last (last = tcpflow 1.6)"},
        {"max_flows", "1000000", "Live flow directions; past it the least recently active is closed"},
        {"max_pending_bytes", "8M", "Out-of-order bytes one flow direction holds (in memory or the scratch file); past it they go to its flow file, or a hole is given up"},
        {"max_pending_memory", "4M", "Out-of-order bytes all flows hold in memory before the oldest are written to their flow files at their offsets (without flow files: to a scratch file)"},
        {"max_pending_total", "512M", "Out-of-order bytes all flows hold in memory (when no flow file can take them) or in the scratch file before holes are given up"},
        {"midstream_hold", "64K", "Bytes a flow seen without SYN holds before delivering, so late earlier data still fits"},
        {"max_buffered_bytes", "64M", "Unwritten flow-file bytes held in memory by all flows"},
        {"flush_interval", "1", "Seconds (wall time, 0.001 steps) flow bytes and report records may wait in memory; 0 = write at once"},
        {"frag_max_bytes", "64M", "Bytes of incomplete IP fragments held; past it the oldest datagram is dropped"},
        {"frag_timeout", "30", "Seconds (packet time) an incomplete IP datagram waits for its fragments"},
        {"frag_overlap", "last", "Which copy wins when IP fragments overlap: last (as tshark) or first"},
        {"plugin_trust", "safe", "Scanner libraries loaded: safe (only those nobody but root and you can change) or any"},
        {"capture_buffer", "32M", "Kernel buffer for live capture (K/M/G suffix; 0 = libpcap's 2M); too small drops bursts"},
        {"jobs", "0", "Worker threads (as -j); 0 = one per online core"},
        {"shutdown_timeout", "5", "Seconds from a stop signal until an unfinished shutdown is forced (report closed, forced='1'); 0 = never"},
        {"json", "", "JSON flow log: one line per connection and a summary (same as --json FILE; - = standard output)"},
        {"progress", "auto", "Status line on stderr while reading: auto (when stderr is a terminal, not with -q), on, off"},
    };
    return table;
}

bool parse_tcpflow_bool(const std::string& name, const std::string& v) {
    std::string l;
    for (char c : v) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* t : {"yes", "true", "on", "y", "t", "1"})
        if (l == t) return true;
    for (const char* f : {"no", "false", "off", "n", "f", "0"})
        if (l == f) return false;
    throw UsageError("invalid value '" + v + "' for -S " + name +
                     ": expected YES or NO (also TRUE/FALSE, ON/OFF, Y/N, T/F, 1/0)");
}

namespace {

int64_t parse_signed(const std::string& name, const std::string& v) {
    errno = 0;
    char* end = nullptr;
    long long x = strtoll(v.c_str(), &end, 10);
    if (v.empty() || errno || *end) throw UsageError("invalid value '" + v + "' for -S " + name + ": expected an integer");
    return x;
}

uint64_t parse_count(const std::string& name, const std::string& v, uint64_t min, uint64_t max) {
    uint64_t x;
    try {
        x = parse_size(v, ("-S " + name).c_str());
    } catch (const UsageError&) {  // its message shows the digits only, without the suffix
        throw UsageError("invalid value '" + v + "' for -S " + name + ": expected a number in " +
                         std::to_string(min) + ".." + std::to_string(max) + " (k, M or G suffix allowed)");
    }
    if (x < min || x > max)
        throw UsageError("invalid value '" + v + "' for -S " + name + ": expected " + std::to_string(min) + ".." +
                         std::to_string(max));
    return x;
}

/// Decimal seconds ("1", "0.25") as milliseconds, 0..max_sec.
uint32_t parse_seconds_ms(const std::string& name, const std::string& v, uint32_t max_sec) {
    errno = 0;
    char* end = nullptr;
    double x = strtod(v.c_str(), &end);
    if (v.empty() || errno || *end || !(x >= 0) || x > max_sec)
        throw UsageError("invalid value '" + v + "' for -S " + name + ": expected seconds, 0.." +
                         std::to_string(max_sec));
    return static_cast<uint32_t>(x * 1000 + 0.5);
}

}  // namespace

bool apply_core_setting(RunConfig& cfg, const std::string& name, const std::string& v) {
    if (name == "tdelta") {
        cfg.tdelta = parse_signed(name, v);
    } else if (name == "packet-buffer-timeout") {
        cfg.packet_buffer_timeout = static_cast<int>(parse_count(name, v, 0, 60000));
    } else if (name == "enable_report") {
        cfg.enable_report = parse_tcpflow_bool(name, v);
    } else if (name == "tcp_timeout") {
        cfg.flow.tcp_timeout = static_cast<uint32_t>(parse_count(name, v, 0, 1u << 30));
    } else if (name == "overlap_policy") {
        if (v == "first") cfg.flow.reassembly.policy = OverlapPolicy::FirstWins;
        else if (v == "last") cfg.flow.reassembly.policy = OverlapPolicy::LastWins;
        else throw UsageError("invalid value '" + v + "' for -S overlap_policy: expected first or last");
    } else if (name == "max_flows") {
        cfg.flow.max_flows = parse_count(name, v, 1, 1ull << 32);
    } else if (name == "max_pending_bytes") {
        cfg.flow.reassembly.max_pending_bytes = parse_count(name, v, 0, 1ull << 40);
    } else if (name == "max_pending_memory") {
        cfg.flow.max_pending_memory = parse_count(name, v, 0, 1ull << 40);
    } else if (name == "max_pending_total") {
        cfg.flow.max_pending_total = parse_count(name, v, 0, 1ull << 40);
    } else if (name == "midstream_hold") {
        cfg.flow.reassembly.midstream_hold_bytes = parse_count(name, v, 0, 1ull << 30);
    } else if (name == "max_buffered_bytes") {
        cfg.output.max_buffered_bytes = parse_count(name, v, 0, 1ull << 40);
    } else if (name == "flush_interval") {
        cfg.output.flush_interval_ms = parse_seconds_ms(name, v, 3600);
    } else if (name == "frag_max_bytes") {
        cfg.defrag.max_bytes = parse_count(name, v, 0, 1ull << 40);
    } else if (name == "frag_timeout") {
        cfg.defrag.timeout_sec = static_cast<uint32_t>(parse_count(name, v, 1, 86400));
    } else if (name == "frag_overlap") {
        if (v != "first" && v != "last")
            throw UsageError("invalid value '" + v + "' for -S frag_overlap: expected first or last");
        cfg.defrag.first_wins = v == "first";
    } else if (name == "plugin_trust") {
        if (v != "safe" && v != "any")
            throw UsageError("invalid value '" + v + "' for -S plugin_trust: expected safe or any");
        cfg.trust_any_plugin = v == "any";
    } else if (name == "capture_buffer") {
        cfg.capture_buffer = parse_count(name, v, 0, 1ull << 30);
        if (cfg.capture_buffer != 0 && cfg.capture_buffer < (64u << 10))
            throw UsageError("invalid value '" + v + "' for -S capture_buffer: expected 0 or 64K..1G");
    } else if (name == "jobs") {
        cfg.jobs = static_cast<unsigned>(parse_count(name, v, 0, kMaxJobs));
    } else if (name == "shutdown_timeout") {
        cfg.shutdown_timeout = static_cast<unsigned>(parse_count(name, v, 0, 3600));
    } else if (name == "json") {
        cfg.json_path = v;
    } else if (name == "progress") {
        if (v == "auto") cfg.progress = RunConfig::Progress::Auto;
        else if (v == "on") cfg.progress = RunConfig::Progress::On;
        else if (v == "off") cfg.progress = RunConfig::Progress::Off;
        else throw UsageError("invalid value '" + v + "' for -S progress: expected auto, on or off");
    } else {
        return false;
    }
    cfg.given_core_settings[name] = v;
    return true;
}

}  // namespace tcpflow
