// The scanner host: loads scanner libraries, keeps their parameters and
// enabled flags, and turns flow events into scanner callbacks. It is a
// FlowSink registered after the file writer (so flow paths are known) and
// before the report (so scanner annotations reach report.xml).
//
// The app's sequence:
//   ScannerHost host(cfg);                         // cfg.core_params: for -hh and name clashes
//   host.add_plugin_dir(d)...;                     // --plugin-dir, in order
//   ConfigFile f = host.load_config_file(path);    // --config (optional); f.core is for the app
//   host.set_plugin_trust_any(false);              // -S plugin_trust (optional)
//   host.load() or host.load_needed(cmds, params); // discovery; refusals reported on stderr
//   host.configure(cli_commands, cli_params);      // YAML first, then -e/-E/-x/-a and -S
//   host.set_run_info(command_line, inputs);       // optional: what run_info() tells scanners
//   host.print_hh(std::cout) / print_H(...)        // -hh / -H, then exit
//   host.start(settings);                          // init enabled scanners
//   ... flow events (FlowSink), host.on_packet(...) per packet ...
//   on_end_of_run(); host.finish();                // fini (also done by the destructor)
#pragma once
#include <cstdint>
#include <exception>
#include <iosfwd>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "flow/flow_sink.h"
#include "host/enable_command.h"
#include "host/host_config_file.h"
#include "host/host_flow.h"
#include "host/param_store.h"
#include "host/plugin_search_path.h"
#include "host/scanner_fault_guard.h"
#include "host/scanner_registry.h"
#include "output/output_dir.h"
#include "output/run_description.h"
#include "output/scanner_fault.h"
#include "util/timestamp.h"

namespace tcpflow {

/// A core (-S) parameter, listed first by -hh and reserved against scanners.
struct CoreParam {
    std::string name, default_value, help;
};

struct HostConfig {
    std::vector<CoreParam> core_params;
    bool use_environment = true;   // read TCPFLOW_PLUGIN_PATH
    bool use_default_dirs = true;  // compiled-in folder, or the build tree's plugins
    std::string installed_dir;     // "" = TCPFLOW_PLUGIN_DIR
    std::string build_plugins_dir; // "" = TCPFLOW_BUILD_PLUGIN_DIR
    std::string program_path;      // "" = this executable
    std::ostream* err = nullptr;   // diagnostics; null = std::cerr
    int debug_level = 1;           // -d: INFO shown from 2, DEBUG from 10
    /// The run was asked to stop (SIGINT/SIGTERM/SIGHUP); what the SDK 1.2
    /// stop_requested service answers. Null: never.
    bool (*stop_requested)() = nullptr;
};

/// What the scanners may know about the run, fixed at start().
struct RunSettings {
    std::string output_dir = ".";
    uint64_t max_bytes = 0;         // -b (0 = no cap)
    uint32_t max_object_depth = 4;  // derived objects deeper than this are not offered to scanners
    std::shared_ptr<const OutputDir> dir;  // output_dir, opened; null: opened when a scanner first writes
};

class ScannerHost final : public FlowSink {
public:
    explicit ScannerHost(HostConfig config = HostConfig());
    ~ScannerHost() override;
    ScannerHost(const ScannerHost&) = delete;
    ScannerHost& operator=(const ScannerHost&) = delete;

    // ---- configuration (before start) ----
    /// A --plugin-dir folder; searched before everything else, in call order.
    void add_plugin_dir(const std::string& dir);
    /// Reads a YAML config file: its plugin_path joins the search path, its
    /// scanner commands and parameters are applied by configure() before the
    /// command line's. Returns the whole file; `core` entries are for the app.
    const ConfigFile& load_config_file(const std::string& path);
    /// Finds and loads every scanner library (for -hh, -H, -a). A library that
    /// cannot be used or is not trusted is reported ("tcpflow: plugin FILE:
    /// REASON") and skipped; so is a folder that is not trusted (plugin_trust.h).
    void load();
    /// Loads only what a run needs (plugin_loading.cpp): scan_NAME.so for each
    /// scanner the YAML file and `commands` name, for each parameter of the file
    /// and `params` (by its name's prefix), and for their partners; load() when
    /// one is not found so, or for -a / -e all.
    void load_needed(const std::vector<EnableCommand>& commands, const std::vector<NameValue>& params);
    /// -S plugin_trust=any: load libraries and search folders others can write. Before loading.
    void set_plugin_trust_any(bool any) { trust_any_ = any; }
    /// Applies the config file's commands and parameters, then the command
    /// line's. Throws HostError (unknown scanner/parameter, bad value).
    void configure(const std::vector<EnableCommand>& commands, const std::vector<NameValue>& params);
    /// -FX: scanners without TCPFLOW_SCANNER_NO_FLOW_FILES are switched off, or, when
    /// `commands` or the YAML file name one, HostError (flow_file_needs.cpp).
    void keep_scanners_without_flow_files(const std::vector<EnableCommand>& commands);
    /// SDK 1.3 validate_param of every enabled scanner for each of its settings that was
    /// given; throws HostError naming scanner, setting, value and reason. start() calls it
    /// before any init (param_validation.cpp).
    void validate_params() const;
    /// One enable command (what configure does for each).
    void apply(const EnableCommand& cmd);
    /// One -S name=value for a scanner parameter; throws HostError.
    void set_param(const std::string& name, const std::string& value);
    bool has_param(const std::string& name) const { return params_.has(name); }
    /// A scanner of that name was found and accepted.
    bool is_installed(const std::string& name) const { return registry_.find(name) != nullptr; }

    // ---- listings ----
    /// -hh: core parameters, then one line per scanner "name version enabled|disabled path"
    /// with its parameters indented under it. Stable and diffable.
    void print_hh(std::ostream& os) const;
    /// -H: everything the descriptors say, per scanner.
    void print_H(std::ostream& os) const;
    std::vector<std::string> enabled_scanners() const;
    /// Enabled scanners that subscribe to every captured packet (netviz): --shard keeps them in shard 0.
    std::vector<std::string> packet_scanners() const {
        std::vector<std::string> names;
        for (const auto& e : registry_.entries())
            if (e->enabled && (e->desc().events & TCPFLOW_EVENT_PACKET)) names.push_back(e->name());
        return names;
    }
    /// Every loaded scanner with its settings' values, for report.xml (host_description.cpp).
    std::vector<ScannerDescription> describe_scanners() const;
    std::vector<std::string> search_directories() const { return search_.directories(); }
    const ParamStore& params() const { return params_; }

    // ---- the run ----
    /// What scanners read through run_info (SDK 1.1): the command line and the
    /// input names (capture files as given, "-" for stdin, "interface NAME"
    /// for a live capture), in reading order. Before start(); throws HostError after.
    void set_run_info(const std::string& command_line, const std::vector<std::string>& inputs);
    /// Initialises every enabled scanner; throws HostError if one fails.
    void start(const RunSettings& settings);
    /// Every captured packet; costs one test when no scanner wants packets.
    void on_packet(int dlt, const Timestamp& ts, const uint8_t* data, uint32_t caplen, uint32_t wirelen) {
        if (!packet_slots_.empty()) dispatch_packet(dlt, ts, data, caplen, wirelen);
    }
    bool wants_packets() const { return !packet_slots_.empty(); }
    void on_open(FlowInfo& flow) override;
    void on_data(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) override;
    void on_gap(FlowInfo& flow, uint64_t offset, uint64_t len) override;
    void on_close(FlowInfo& flow) override;
    void on_end_of_run() override;
    /// Calls every scanner's fini. Idempotent; the destructor calls it too.
    void finish();

    // ---- -j workers (worker_hosts.cpp) ----
    /// Every enabled scanner declares TCPFLOW_SCANNER_PER_WORKER, or (once started) asked for
    /// no event at all: each worker may then have its own host (worker_copy); otherwise one
    /// host serves every worker, its calls serialised.
    bool runs_per_worker() const;
    /// A host with the same libraries, parameters, enabled scanners (but those this host
    /// started that asked for no event) and run information, for one more worker; start() it
    /// to initialise its own instances.
    std::unique_ptr<ScannerHost> worker_copy() const;
    /// The end of a -j run, on the first worker's host, after every worker closed its flows:
    /// for a scanner with merge, merge(first, other) and fini(other) for each other worker's
    /// instance in worker order, then end_of_run; without merge, end_of_run on every
    /// instance in worker order (the threading model of sdk/tcpflow/sdk/scanner.h).
    void end_run_with(const std::vector<ScannerHost*>& others);
    /// Writes out what derived files (HTTP bodies...) hold in their stdio buffers, so an open
    /// object loses nothing older than the durability bound to a kill (Recorder::tick_durability).
    void flush_objects();
    /// Elements scanners added for the report's <summary> (escaped, one per line).
    const std::string& summary_xml() const { return summary_; }
    /// Scanners disabled during the run, first failure of each, in order.
    const std::vector<ScannerFault>& failures() const { return failures_; }

    // ---- services for scanners (host_services.cpp); not for the app ----
    void log(size_t slot, int32_t level, const char* message);
    const tcpflow_object* object_create(size_t slot, const tcpflow_flow* flow, const tcpflow_object* parent,
                                        const char* suffix, const char* content_type, const char* content_encoding,
                                        uint64_t source_offset);
    int32_t object_write(size_t slot, const tcpflow_object* object, const uint8_t* data, size_t len);
    int32_t object_finish(size_t slot, const tcpflow_object* object, bool keep_empty);
    int32_t add_attribute(size_t slot, const tcpflow_flow* flow, const tcpflow_object* object, const char* name,
                          const char* value);
    int32_t add_xml_child(size_t slot, const tcpflow_flow* flow, const tcpflow_object* object, const char* element,
                          const char* const* attributes, const char* text);
    int32_t add_summary_child(size_t slot, const char* element, const char* const* attributes, const char* text);
    int32_t set_events(size_t slot, uint32_t events);
    /// SDK create_output_file: `name` under -o, replaced without following links.
    int32_t create_output_file(size_t slot, const char* name, int32_t* fd);
    /// 1 once the run was asked to stop (SDK 1.2).
    int32_t stop_requested() const { return config_.stop_requested && config_.stop_requested() ? 1 : 0; }
    /// 1 when a scanner of that name is loaded and enabled this run.
    int32_t scanner_enabled(const char* name) const;
    /// A run_info key's value (stable until finish), nullptr if unknown or not given.
    const char* run_info(const char* key) const;
    const RunSettings& settings() const { return settings_; }

private:
    std::ostream& err() const;
    void prepare_search();
    bool folder_trusted(const std::string& dir);
    bool load_by_name(const std::string& name);
    bool load_for_param(const std::string& name);
    bool load_partners();
    void load_file(const std::string& path);
    void init_scanner(ScannerEntry& e);
    void fini_scanner(ScannerEntry& e);
    void build_event_lists();
    /// Runs one callback of a scanner that has not failed; a non-zero status
    /// or an exception disables the scanner.
    template <class F>
    bool call(ScannerEntry& e, const char* event, const HostFlow* flow, F f) {
        return !e.failed && invoke(e, event, flow, f);
    }
    /// Runs a callback that releases state (flow_close, object_close,
    /// end_of_run): a failed scanner still gets it, so it can free what it holds.
    template <class F>
    bool release(ScannerEntry& e, const char* event, const HostFlow* flow, F f) {
        return invoke(e, event, flow, f);
    }
    template <class F>
    bool invoke(ScannerEntry& e, const char* event, const HostFlow* flow, F f);
    void fail(ScannerEntry& e, const char* event, const HostFlow* flow, const std::string& why);
    /// Marks the flow as known to the scanner (it got an event for it) unless it failed.
    bool deliver(ScannerEntry& e, HostFlow& hf);
    void dispatch_packet(int dlt, const Timestamp& ts, const uint8_t* data, uint32_t caplen, uint32_t wirelen);
    void refresh(HostFlow& hf);
    HostFlow* live_flow(const tcpflow_flow* view);
    HostObject* live_object(const tcpflow_object* view);
    void close_object(HostObject& o, bool keep_empty);
    const OutputDir& output_folder();
    void write_object_records(HostFlow& hf);
    void release_flow(HostFlow* hf);

    HostConfig config_;
    PluginSearchPath search_;
    ConfigFile file_config_;
    ParamStore params_;
    ScannerRegistry registry_;
    bool trust_any_ = false;
    std::set<std::string> tried_;                          // libraries opened or refused (resolved paths)
    std::map<std::string, std::string> folder_problems_;  // folders checked: "" or why not trusted
    RunSettings settings_;
    bool started_ = false, finished_ = false;
    std::unordered_set<HostObject*> dirty_objects_;  // open objects with bytes in their stdio buffer
    bool object_write_failed_ = false;  // a derived file could not be written: said once, not per file
    ScannerEntry* initialising_ = nullptr;  // the scanner whose init is running
    std::vector<ScannerEntry*> packet_slots_, open_slots_, data_slots_, close_slots_, object_slots_, end_slots_;
    std::unordered_set<HostFlow*> live_flows_;
    std::string summary_;
    std::vector<ScannerFault> failures_;
    std::map<std::string, std::string> run_info_;  // key -> value; fixed from start()
};

// A scanner's failure must never stop recording: it is reported once (a line
// on stderr and a <scanner_fault> in the report) and the scanner gets no more
// data events. The scope names the call for the fatal-signal handler.
template <class F>
inline bool ScannerHost::invoke(ScannerEntry& e, const char* event, const HostFlow* flow, F f) {
    int32_t status = TCPFLOW_OK;
    e.last_error.clear();
    try {
        ScannerCallScope scope(e.desc().name, event, flow ? &flow->view : nullptr);
        status = f();
    } catch (const std::exception& ex) {
        fail(e, event, flow, std::string("exception: ") + ex.what());
        return false;
    } catch (...) {
        fail(e, event, flow, "exception");
        return false;
    }
    if (status == TCPFLOW_OK) return true;
    fail(e, event, flow, "status " + std::to_string(status));
    return false;
}

}  // namespace tcpflow
