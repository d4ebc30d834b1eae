#include "host/scanner_host.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <iostream>

#include "config.h"
#include "host/host_error.h"
#include "host/host_services.h"

namespace tcpflow {

namespace {

std::string address_text(uint8_t family, const uint8_t* addr) {
    char buf[INET6_ADDRSTRLEN] = "";
    inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, buf, sizeof buf);
    return buf;
}

int32_t sdk_close_reason(CloseReason r) {
    switch (r) {
    case CloseReason::Fin: return TCPFLOW_CLOSE_FIN;
    case CloseReason::Rst: return TCPFLOW_CLOSE_RST;
    case CloseReason::Timeout: return TCPFLOW_CLOSE_TIMEOUT;
    case CloseReason::Jump: return TCPFLOW_CLOSE_JUMP;
    case CloseReason::NewSyn: return TCPFLOW_CLOSE_NEW_SYN;
    case CloseReason::EndOfInput: return TCPFLOW_CLOSE_END_OF_INPUT;
    case CloseReason::Evicted: return TCPFLOW_CLOSE_EVICTED;
    }
    return TCPFLOW_CLOSE_NONE;
}

const char* sdk_close_reason_name(int32_t r) {
    static const char* const names[] = {"", "fin", "rst", "timeout", "jump", "new_syn", "end_of_input", "evicted"};
    return r >= 0 && r <= TCPFLOW_CLOSE_EVICTED ? names[r] : "";
}

tcpflow_time sdk_time(const Timestamp& t) { return {t.sec, t.nsec}; }

}  // namespace

ScannerHost::ScannerHost(HostConfig config) : config_(std::move(config)) {
    for (const auto& p : config_.core_params) params_.reserve(p.name);
}

ScannerHost::~ScannerHost() { finish(); }

std::ostream& ScannerHost::err() const { return config_.err ? *config_.err : std::cerr; }

// ---------------------------------------------------------------- configuration

void ScannerHost::add_plugin_dir(const std::string& dir) { search_.cli_dirs.push_back(dir); }

const ConfigFile& ScannerHost::load_config_file(const std::string& path) {
    file_config_ = read_config_file(path);
    search_.config_dirs = file_config_.plugin_path;
    return file_config_;
}

void ScannerHost::configure(const std::vector<EnableCommand>& commands, const std::vector<NameValue>& params) {
    for (const auto& c : file_config_.scanner_commands) apply(c);
    for (const auto& c : commands) apply(c);
    for (const auto& [name, value] : file_config_.parameters) set_param(name, value);
    for (const auto& [name, value] : params) set_param(name, value);
}

void ScannerHost::apply(const EnableCommand& cmd) { registry_.apply(cmd, err()); }

void ScannerHost::set_param(const std::string& name, const std::string& value) {
    if (started_) throw HostError("parameter '" + name + "' set after the scanners started");
    params_.set(name, value);
}

std::vector<std::string> ScannerHost::enabled_scanners() const {
    std::vector<std::string> out;
    for (const auto& e : registry_.entries())
        if (e->enabled) out.push_back(e->name());
    return out;
}

// ---------------------------------------------------------------- start / finish

void ScannerHost::set_run_info(const std::string& command_line, const std::vector<std::string>& inputs) {
    if (started_) throw HostError("run information given after the scanners started");
    std::string joined;
    for (const std::string& in : inputs) joined += (joined.empty() ? "" : ", ") + (in == "-" ? "stdin" : in);
    run_info_["command_line"] = command_line;
    run_info_["inputs"] = joined;
}

const char* ScannerHost::run_info(const char* key) const {
    if (!key) return nullptr;
    auto it = run_info_.find(key);
    return it == run_info_.end() ? nullptr : it->second.c_str();
}

int32_t ScannerHost::scanner_enabled(const char* name) const {
    if (!name) return 0;
    const ScannerEntry* e = registry_.find(name);
    return e && e->enabled ? 1 : 0;
}

void ScannerHost::start(const RunSettings& settings) {
    validate_params();  // before any scanner's init, so a rejected value leaves nothing behind
    settings_ = settings;
    started_ = true;
    install_scanner_fault_handlers();
    // Fixed for the whole run: scanners may keep the pointers run_info returns.
    run_info_["program"] = "tcpflow";
    run_info_["version"] = PACKAGE_VERSION;
    run_info_["output_dir"] = settings_.output_dir;
    for (auto& e : registry_.entries())
        if (e->enabled) init_scanner(*e);
    build_event_lists();
}

void ScannerHost::init_scanner(ScannerEntry& e) {
    e.handle = tcpflow_host{this, e.slot};
    e.api = make_host_api(&e.handle);
    e.events = e.desc().events;
    initialising_ = &e;
    e.last_error.clear();
    int32_t status = TCPFLOW_ERROR;
    try {
        ScannerCallScope scope(e.desc().name, "init", nullptr);
        status = e.desc().init(&e.api, &e.instance);
    } catch (...) {
        status = TCPFLOW_ERROR;
    }
    initialising_ = nullptr;
    if (status == TCPFLOW_OK && !e.last_error.empty()) err() << "tcpflow: " << e.name() << ": " << e.last_error << "\n";
    // Init runs before any output exists (a rejected setting is a command-line
    // error): the scanner's own words, logged during init, say what was wrong.
    if (status != TCPFLOW_OK)
        throw HostError("scanner '" + e.name() + "' failed to initialise" +
                        (e.last_error.empty() ? "" : ": " + e.last_error) + " (status " + std::to_string(status) + ")");
    e.initialised = true;
}

void ScannerHost::build_event_lists() {
    for (auto& e : registry_.entries()) {
        if (!e->initialised) continue;
        if (e->wants(TCPFLOW_EVENT_PACKET)) packet_slots_.push_back(e.get());
        if (e->wants(TCPFLOW_EVENT_FLOW_OPEN)) open_slots_.push_back(e.get());
        if (e->wants(TCPFLOW_EVENT_FLOW_DATA)) data_slots_.push_back(e.get());
        if (e->wants(TCPFLOW_EVENT_FLOW_CLOSE)) close_slots_.push_back(e.get());
        if (e->wants(TCPFLOW_EVENT_OBJECT)) object_slots_.push_back(e.get());
        if (e->wants(TCPFLOW_EVENT_END_OF_RUN)) end_slots_.push_back(e.get());
    }
}

void ScannerHost::fini_scanner(ScannerEntry& e) {
    if (!e.initialised) return;
    e.initialised = false;
    try {
        ScannerCallScope scope(e.desc().name, "fini", nullptr);
        e.desc().fini(e.instance);
    } catch (...) {
        err() << "tcpflow: scanner '" << e.name() << "' threw in fini\n";
    }
}

void ScannerHost::finish() {
    if (finished_) return;
    finished_ = true;
    for (HostFlow* hf : std::vector<HostFlow*>(live_flows_.begin(), live_flows_.end())) release_flow(hf);
    auto& entries = registry_.entries();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        fini_scanner(**it);
    }
    packet_slots_.clear();
    open_slots_.clear();
    data_slots_.clear();
    close_slots_.clear();
    object_slots_.clear();
    end_slots_.clear();
}

// ---------------------------------------------------------------- dispatch

void ScannerHost::fail(ScannerEntry& e, const char* event, const HostFlow* flow, const std::string& why) {
    if (e.failed) return;  // a failed scanner's close events may fail too: the first failure is the story
    e.failed = true;
    ScannerFault f;
    f.scanner = e.name();
    f.event = event;
    if (flow) {
        // The file names the flow; before the file exists, its id and addresses do.
        const tcpflow_flow& v = flow->view;
        f.flow = flow->info && !flow->info->path.empty()
                     ? flow->info->path
                     : "flow " + std::to_string(v.flow_id) + " " + v.src_text + ":" + std::to_string(v.sport) + " -> " +
                           v.dst_text + ":" + std::to_string(v.dport);
    }
    f.message = e.last_error.empty() ? why : e.last_error + " (" + why + ")";
    err() << "tcpflow: scanner '" << f.scanner << "' failed in " << event << (f.flow.empty() ? "" : " of ") << f.flow
          << " (" << f.message << "); disabled for the rest of the run\n";
    failures_.push_back(std::move(f));
}

bool ScannerHost::deliver(ScannerEntry& e, HostFlow& hf) {
    if (e.failed) return false;
    hf.known[e.slot] = 1;
    return true;
}

void ScannerHost::dispatch_packet(int dlt, const Timestamp& ts, const uint8_t* data, uint32_t caplen,
                                  uint32_t wirelen) {
    const tcpflow_packet p{sizeof(tcpflow_packet), dlt, sdk_time(ts), caplen, wirelen, data};
    for (ScannerEntry* e : packet_slots_)
        call(*e, "packet", nullptr, [&] { return e->desc().packet(e->instance, &p); });
}

void ScannerHost::refresh(HostFlow& hf) {
    const FlowInfo& fi = *hf.info;
    tcpflow_flow& v = hf.view;
    v.last_seen = sdk_time(fi.last_ts);
    v.packets = fi.packets;
    v.path = fi.path.c_str();
    v.stored_bytes = fi.stored_bytes;
    v.logical_size = fi.logical_size;
    v.file_truncated = fi.file_truncated ? 1 : 0;
}

void ScannerHost::on_open(FlowInfo& fi) {
    fi.host_state = nullptr;
    if (open_slots_.empty() && data_slots_.empty() && close_slots_.empty()) return;
    auto* hf = new HostFlow;
    hf->info = &fi;
    hf->state.assign(registry_.entries().size(), nullptr);
    hf->known.assign(registry_.entries().size(), 0);
    hf->src_text = address_text(fi.key.family, fi.key.src);
    hf->dst_text = address_text(fi.key.family, fi.key.dst);
    tcpflow_flow& v = hf->view;
    v.struct_size = sizeof(tcpflow_flow);
    v.family = fi.key.family;
    v.has_vlan = fi.key.has_vlan;
    v.vlan = fi.key.vlan;
    std::copy(fi.key.src, fi.key.src + 16, v.src);
    std::copy(fi.key.dst, fi.key.dst + 16, v.dst);
    v.sport = fi.key.sport;
    v.dport = fi.key.dport;
    v.src_text = hf->src_text.c_str();
    v.dst_text = hf->dst_text.c_str();
    v.flow_id = fi.flow_id;
    v.session_id = fi.session_id;
    v.first_seen = sdk_time(fi.first_ts);
    v.close_reason = TCPFLOW_CLOSE_NONE;
    v.close_reason_name = "";
    v.host_private = hf;
    refresh(*hf);
    fi.host_state = hf;
    live_flows_.insert(hf);
    for (ScannerEntry* e : open_slots_)
        if (deliver(*e, *hf)) call(*e, "flow_open", hf, [&] { return e->desc().flow_open(e->instance, &hf->view, &hf->state[e->slot]); });
}

void ScannerHost::on_data(FlowInfo& fi, uint64_t offset, const uint8_t* data, size_t len) {
    auto* hf = static_cast<HostFlow*>(fi.host_state);
    if (!hf || data_slots_.empty()) return;
    refresh(*hf);
    for (ScannerEntry* e : data_slots_)
        if (deliver(*e, *hf)) call(*e, "flow_data", hf,
             [&] { return e->desc().flow_data(e->instance, &hf->view, hf->state[e->slot], offset, data, len); });
}

void ScannerHost::on_gap(FlowInfo& fi, uint64_t offset, uint64_t len) {
    auto* hf = static_cast<HostFlow*>(fi.host_state);
    if (!hf || data_slots_.empty()) return;
    refresh(*hf);
    for (ScannerEntry* e : data_slots_)
        if (deliver(*e, *hf)) call(*e, "flow_gap", hf,
             [&] { return e->desc().flow_gap(e->instance, &hf->view, hf->state[e->slot], offset, len); });
}

void ScannerHost::on_close(FlowInfo& fi) {
    auto* hf = static_cast<HostFlow*>(fi.host_state);
    if (!hf) return;
    refresh(*hf);
    hf->view.close_reason = sdk_close_reason(fi.close_reason);
    hf->view.close_reason_name = sdk_close_reason_name(hf->view.close_reason);
    // A scanner disabled during the run still gets flow_close for the flows it
    // knew, so it can free their state; flows that began after it failed never reach it.
    for (ScannerEntry* e : close_slots_)
        if (!e->failed || hf->known[e->slot]) release(*e, "flow_close", hf, [&] { return e->desc().flow_close(e->instance, &hf->view, hf->state[e->slot]); });
    for (auto& o : hf->objects)
        if (!o->finished) close_object(*o, false);
    write_object_records(*hf);
    release_flow(hf);
    fi.host_state = nullptr;
}

void ScannerHost::on_end_of_run() {
    // An instance merged into another worker's (end_run_with) was finished already.
    for (ScannerEntry* e : end_slots_)
        if (e->initialised) release(*e, "end_of_run", nullptr, [&] { return e->desc().end_of_run(e->instance); });
}

void ScannerHost::release_flow(HostFlow* hf) {
    for (auto& o : hf->objects) {
        dirty_objects_.erase(o.get());
        if (o->file) std::fclose(o->file);
    }
    live_flows_.erase(hf);
    delete hf;
}

HostFlow* ScannerHost::live_flow(const tcpflow_flow* view) {
    if (!view) return nullptr;
    auto* hf = static_cast<HostFlow*>(const_cast<void*>(view->host_private));
    return live_flows_.count(hf) ? hf : nullptr;
}

int32_t ScannerHost::set_events(size_t slot, uint32_t events) {
    ScannerEntry& e = *registry_.entries()[slot];
    if (initialising_ != &e) return TCPFLOW_ERROR;  // the event lists are fixed once every scanner is up
    e.events = events & e.desc().events;
    return TCPFLOW_OK;
}

void ScannerHost::log(size_t slot, int32_t level, const char* message) {
    ScannerEntry& e = *registry_.entries()[slot];
    if (level == TCPFLOW_LOG_ERROR && message) {
        // The why of a failure that may follow. During init it is held back:
        // a failed init quotes it in its one line, a successful one prints it.
        if (initialising_ == &e && !e.last_error.empty()) err() << "tcpflow: " << e.name() << ": " << e.last_error << "\n";
        e.last_error = message;
        if (initialising_ == &e) return;
    }
    if (level == TCPFLOW_LOG_INFO && config_.debug_level < 2) return;
    if (level >= TCPFLOW_LOG_DEBUG && config_.debug_level < 10) return;
    err() << "tcpflow: " << registry_.entries()[slot]->name() << ": " << (message ? message : "") << "\n";
}

}  // namespace tcpflow
