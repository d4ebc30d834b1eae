// The recorder's -j workers: how many, what each owns, its share of the run's
// memory caps, and the end of the run (every worker closes its flows, then the
// scanners' run ends once, merging per-worker instances).
#include <unistd.h>
#include <algorithm>
#include "app/recorder.h"
#include "console/console_sink.h"
#include "host/scanner_host.h"
#include "output/flow_file_writer.h"
#include "output/flow_namer.h"
#include "output/flow_pcap_writer.h"
#include "output/json_flow_log.h"
#include "pipeline/dispatcher.h"

namespace tcpflow {

unsigned resolve_jobs(const Options& opt, const RunConfig& cfg) {
    unsigned n = cfg.jobs;
    // -c/-C by default prints flows interleaved in packet order, as tcpflow does; workers would
    // interleave them as they run (each chunk still whole): only when -j asks for them.
    if (n == 0 && opt.console.enabled) n = 1;
    if (n == 0) {
        const long online = sysconf(_SC_NPROCESSORS_ONLN);
        n = online > 0 ? static_cast<unsigned>(online) : 1;
    }
    // Names made from a run-wide counter (%N %K %M %G %S, -Fk -Fm -Fg), or that do not tell
    // every connection apart, would depend on how flows are spread over workers.
    if (n > 1 && !make_namer(opt).names_connections_apart()) n = 1;
    return n;
}

namespace {

uint64_t share(uint64_t total, unsigned n) { return std::max<uint64_t>(1, total / n); }

}  // namespace

FlowConfig Recorder::worker_flow_config(unsigned k) const {
    FlowConfig fc = cfg_.flow;
    if (jobs_ == 1) return fc;
    // The caps are the whole process's: each worker holds its share.
    fc.max_flows = share(fc.max_flows, jobs_);
    fc.max_pending_memory = fc.max_pending_memory / jobs_;
    fc.max_pending_total = fc.max_pending_total / jobs_;
    // Ids unique over the run (scanners key connections by session_id): worker k numbers k, k+N, ...
    fc.first_id = k;
    fc.id_step = jobs_;
    return fc;
}

WorkerSinks Recorder::worker_sinks(unsigned k) {
    WorkerSinks ws;
    OutputConfig oc = cfg_.output;
    if (store_files_) {
        ws.files = std::make_unique<FlowFileWriter>(oc, make_namer(opt_));
        if (jobs_ > 1) {
            // The open-file cache and the unwritten bytes are capped for the whole process.
            oc.max_fds = static_cast<uint32_t>(share(ws.files->max_fds(), jobs_));
            oc.max_buffered_bytes = oc.max_buffered_bytes / jobs_;
            ws.files = std::make_unique<FlowFileWriter>(oc, make_namer(opt_));
        }
    }
    if (opt_.console.enabled) ws.console = make_console();
    if (opt_.per_flow_pcap)
        ws.pcaps = std::make_unique<FlowPcapWriter>(
            outdir_, make_namer(opt_), static_cast<uint32_t>(share(cfg_.output.max_fds ? cfg_.output.max_fds : 256, jobs_)));
    if (host_) {
        if (jobs_ == 1) {
            ws.host = host_;
        } else if (!worker_hosts_.empty()) {
            ws.host = k == 0 ? host_ : worker_hosts_[k - 1].get();
        } else {
            ws.host = host_;
            ws.host_lock = &host_lock_;
        }
    }
    ws.report = report_.get();
    if (json_file_) ws.json = std::make_unique<JsonFlowLog>(json_file_);
    ws.run_end_by_recorder = jobs_ > 1;
    return ws;
}

void Recorder::open_workers() {
    if (jobs_ > 1) cfg_.output.failed_together = std::make_shared<std::atomic<bool>>(false);
    for (unsigned k = 0; k < jobs_; ++k)
        workers_.push_back(std::make_unique<Worker>(k, worker_flow_config(k), cfg_.output.flush_interval_ms, worker_sinks(k)));
    if (jobs_ == 1) return;  // -j 1: the reading thread calls its one worker directly
    std::vector<Worker*> ws;
    for (auto& w : workers_) ws.push_back(w.get());
    const bool frames = opt_.per_flow_pcap || (host_ && host_->wants_packets());
    dispatcher_ = std::make_unique<Dispatcher>(ws, frames, kTickMs);
}

void Recorder::check_workers() {
    if (!dispatcher_->failed()) return;
    const std::string why = dispatcher_->take_failure();
    if (!why.empty()) throw std::runtime_error(why);
}

void Recorder::close_workers() {
    std::vector<std::string> errors;
    if (dispatcher_) errors = dispatcher_->finish();
    else if (!workers_.empty()) workers_[0]->close_all(errors);
    for (const std::string& e : errors) report_error(e);
    if (!host_) return;
    // No workers: the run never started (a later instance's init failed...): no end_of_run,
    // which could write scanner reports before any output exists; fini only.
    if (jobs_ > 1 && !workers_.empty()) {
        std::vector<ScannerHost*> others;
        for (auto& h : worker_hosts_) others.push_back(h.get());
        host_->end_run_with(others);  // with no per-worker hosts: host_'s end_of_run alone
    }
    host_->finish();
    for (auto& h : worker_hosts_) h->finish();
}

}  // namespace tcpflow
