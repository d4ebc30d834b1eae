#include "app/recorder.h"
#include <fcntl.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include "capture/bpf_filter.h"
#include "capture/linktype.h"
#include "capture/pcap_writer.h"
#include "config.h"
#include "console/console_sink.h"
#include "host/scanner_host.h"
#include "output/dfxml_report.h"
#include "output/flow_file_writer.h"
#include "output/flow_namer.h"
#include "output/flow_pcap_writer.h"
#include "output/json_flow_log.h"
#include "output/json_line_file.h"
#include "app/progress_line.h"
#include "app/capture_stats_text.h"
#include "app/exit_status.h"
#include "app/privileges.h"
#include "app/signals.h"
#include "output/output_dir.h"
#include "output/output_lock.h"
#include "pipeline/dispatcher.h"
#include "shard/shard_filter.h"
#include "shard/shard_report.h"
#include "util/monotonic_ms.h"

#ifndef TCPFLOW_BUILD_CXXFLAGS
#define TCPFLOW_BUILD_CXXFLAGS ""
#endif
#ifndef TCPFLOW_BUILD_LDFLAGS
#define TCPFLOW_BUILD_LDFLAGS ""
#endif
#ifndef TCPFLOW_BUILD_LIBS
#define TCPFLOW_BUILD_LIBS ""
#endif

namespace tcpflow {

FlowNamer make_namer(const Options& opt) {
    FlowNamer namer;
    for (const NamingEdit& e : opt.naming) {
        if (e.is_template) namer.set_template(e.value);
        else namer.apply_format_letters(e.value);
    }
    return namer;
}

namespace {

bool console_mode(const Options& opt) { return opt.console.enabled; }


}  // namespace

Recorder::Recorder(const Options& opt, const RunConfig& cfg, ScannerHost* host)
    : opt_(opt), cfg_(cfg), host_(host), decoder_(cfg.defrag) {
    cfg_.flow.max_seek = opt.max_seek;
    cfg_.flow.purge = !opt.no_purge;
    jobs_ = resolve_jobs(opt, cfg);
    set_forced_stop_handler(&Recorder::forced_stop, this);
}

Recorder::~Recorder() {
    set_forced_stop_handler(nullptr, nullptr);
    // Whatever happened, nothing recorded is lost and the report is closed.
    try {
        finish();
    } catch (const std::exception& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
    }
}

void Recorder::report_error(const std::string& what) {
    clear_progress();
    fprintf(stderr, "tcpflow: %s\n", what.c_str());
    if (!failed_) first_error_ = what;  // the report records what first went wrong
    failed_ = true;
}

void Recorder::open_outputs() {
    filter_ = std::make_unique<BpfFilter>(opt_.filter);

    // -K stores packets instead of streams, as tcpflow 1.6.1 does.
    const bool store = cfg_.output.store_output && !console_mode(opt_) && !opt_.per_flow_pcap;
    const bool want_report = cfg_.enable_report && (!console_mode(opt_) || !opt_.report_path.empty());
    if (store || opt_.per_flow_pcap || (want_report && opt_.report_path.empty())) {
        cfg_.output.dir = outdir_ = std::make_shared<OutputDir>(cfg_.output.outdir);
        // Before anything is created in it: a second run into this folder stops here.
        lock_ = std::make_unique<OutputLock>(outdir_->fd(), cfg_.output.outdir);
    }

    store_files_ = store;
    open_spill_dir();
    if (want_report) open_report();
    if (!cfg_.json_path.empty()) open_json();
    start_scanners();
    open_workers();
}

void Recorder::open_spill_dir() {
    // Out-of-order bytes no sink can keep (-c, -FX, -K, -s, past -b) go to a scratch file
    // (flow/scratch_spill.h): in the output folder when there is one, else in $TMPDIR.
    // Opened now, before -z or -U could take the folder away.
    if (outdir_) {
        cfg_.flow.spill_dirfd = outdir_->fd();
        cfg_.flow.spill_dir_name = cfg_.output.outdir;
        return;
    }
    // Under -z a descriptor of a folder outside the new root would be a way out of it:
    // no scratch file then, the bytes wait in memory.
    if (!opt_.chroot_dir.empty()) return;
    const char* tmp = std::getenv("TMPDIR");
    cfg_.flow.spill_dir_name = tmp && *tmp ? tmp : "/tmp";
    spill_dir_fd_ = UniqueFd(::open(cfg_.flow.spill_dir_name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    cfg_.flow.spill_dirfd = spill_dir_fd_.get();  // -1 when it cannot be opened: memory holds them
}

std::unique_ptr<ConsoleSink> Recorder::make_console() {
    ConsoleConfig cc;
    cc.header = opt_.console.header;
    cc.no_newline = opt_.console.no_newline;
    cc.hex = opt_.console.hex;
    cc.color = opt_.console.color;
    cc.binary = opt_.console.binary;
    cc.strip = opt_.console.strip;
    cc.json = opt_.console.json;
    cc.semaphore = opt_.console.semaphore;
    cc.max_bytes = cfg_.output.max_bytes;
    cc.outdir = cfg_.output.outdir;
    return std::make_unique<ConsoleSink>(cc, make_namer(opt_), stdout);
}

void Recorder::open_report() {
    std::string path = opt_.report_path;
    if (path.empty()) {
        path = outdir_->path_of("report.xml");
        // Renamed into place at once: the report carries its final name while it
        // grows, and a link planted at report.xml is replaced, not written through.
        report_fd_ = UniqueFd(outdir_->replace("report.xml"));
        if (report_fd_.get() < 0) throw std::runtime_error(output_error("cannot create", path, errno));
    } else {
        report_fd_ = UniqueFd(create_named_output_file(path, "-X"));
    }
    ReportSetup setup;
    setup.build.version = PACKAGE_VERSION;
    setup.build.cxxflags = TCPFLOW_BUILD_CXXFLAGS;
    setup.build.ldflags = TCPFLOW_BUILD_LDFLAGS;
    setup.build.libs = TCPFLOW_BUILD_LIBS;
    setup.command_line = opt_.command_line;
    setup.tdelta = cfg_.tdelta;
    setup.flush_interval_ms = cfg_.output.flush_interval_ms;
    setup.shard_xml = shard_element(opt_.shard, cfg_.output.outdir);
    if (host_) setup.run.scanners = host_->describe_scanners();
    setup.run.core_settings = changed_core_settings(cfg_);
    report_ = std::make_unique<DfxmlReport>(report_fd_.get(), path, setup);
    report_path_ = path;
    if (opt_.debug >= 1 && !opt_.quiet) fprintf(stderr, "reportfilename: %s\n", path.c_str());
}

void Recorder::start_scanners() {
    if (!host_ || scanners_started_) return;
    scanners_started_ = true;
    std::vector<std::string> inputs;  // run_info "inputs" for scanners (SDK 1.1), in reading order
    if (opt_.live) inputs.push_back("interface " + (opt_.device.empty() ? std::string("(default)") : opt_.device));
    for (const InputSpec& in : opt_.inputs) inputs.push_back(in.path);
    host_->set_run_info(opt_.command_line, inputs);
    RunSettings rs;
    rs.output_dir = cfg_.output.outdir;
    rs.max_bytes = cfg_.output.max_bytes;
    rs.dir = outdir_;
    host_->start(rs);
    // Scanners that all run per worker (after init: those that asked for events) get one
    // instance per worker; otherwise host_ serves every worker, its calls serialised.
    if (jobs_ > 1 && host_->runs_per_worker())
        for (unsigned k = 1; k < jobs_; ++k) {
            worker_hosts_.push_back(host_->worker_copy());
            worker_hosts_.back()->start(rs);
        }
}

void Recorder::write_unprocessed(const RawPacket& pkt) {
    if (unprocessed_) unprocessed_->write(pkt);
}

void Recorder::open_unprocessed(const PacketSource& src) {
    // Created with the first input's link type even if nothing is ever written,
    // as tcpflow 1.6.1 does, so readers of the file always find a pcap.
    if (opt_.unprocessed_pcap.empty() || unprocessed_) return;
    unprocessed_ = std::make_unique<PcapWriter>();
    unprocessed_->open(create_named_output_file(opt_.unprocessed_pcap, "-w"), opt_.unprocessed_pcap,
                       src.primary_dlt(), src.snaplen() ? src.snaplen() : 262144);
}

void Recorder::handle_packet(const RawPacket& raw) {
    ++counters_.read;
    RawPacket pkt = raw;
    pkt.ts.sec += cfg_.tdelta;
    if (!filter_->empty() && !filter_->matches(pkt)) {
        ++counters_.filtered_out;
        return;
    }
    // -j N: a packet event travels with its TCP segment to the flow's worker; any other
    // packet's goes to worker 0 (packet_only).
    const bool packet_event = host_ && host_->wants_packets();
    if (!dispatcher_ && host_) host_->on_packet(pkt.dlt, pkt.ts, pkt.data, pkt.caplen, pkt.wirelen);
    auto packet_only = [&] {
        if (dispatcher_ && packet_event) dispatcher_->dispatch_packet(pkt.dlt, pkt.ts, pkt.data, pkt.caplen, pkt.wirelen);
    };
    if (!Decoder::supports_dlt(pkt.dlt)) {
        ++counters_.unsupported_link;
        packet_only();
        write_unprocessed(pkt);
        return;
    }
    TcpSegment seg;
    const DecodeStatus st = decoder_.decode(pkt.dlt, pkt.ts, pkt.data, pkt.caplen, pkt.wirelen, seg);
    if (st != DecodeStatus::Tcp) packet_only();
    switch (st) {
        case DecodeStatus::Tcp:
            ++counters_.tcp;
            if (!shard_keeps(opt_.shard, seg)) {  // --shard K/N: another shard records it
                packet_only();                     // shard 0 still counts its packet (netviz)
                return;
            }
            seg.frame = pkt.data;
            seg.frame_dlt = pkt.dlt;
            if (dispatcher_) {
                dispatcher_->dispatch(seg, packet_event);
                check_workers();
            } else {
                workers_[0]->process(seg);
            }
            return;
        case DecodeStatus::FragmentHeld: ++counters_.fragments_held; return;
        case DecodeStatus::NotIp: ++counters_.not_ip; break;
        case DecodeStatus::NotTcp: ++counters_.not_tcp; break;
        case DecodeStatus::Truncated: ++counters_.truncated; break;
        case DecodeStatus::Malformed: ++counters_.malformed; break;
    }
    write_unprocessed(pkt);
}

bool Recorder::read_source(PacketSource& src, bool finish_only, int input_index) {
    if (dispatcher_) dispatcher_->set_start_new_flows(!finish_only);
    else workers_[0]->set_start_new_flows(!finish_only);
    open_unprocessed(src);
    // A link type we do not decode is a class of packets not processed, like ARP:
    // counted (unsupported_link in the report), written to -w, and said once here.
    // Not an error: the run goes on, and a pcapng's other interfaces are recorded.
    if (!Decoder::supports_dlt(src.primary_dlt()) && !opt_.quiet)
        fprintf(stderr, "tcpflow: warning: %s: link type %d (%s) is not decoded; its packets are counted as unsupported_link\n",
                src.describe().c_str(), src.primary_dlt(), linktype_description(src.primary_dlt()).c_str());
    // A regular file never idles: look at the clock every 256 packets only. A pipe or an
    // interface may deliver a packet a minute: look after each one.
    const unsigned clock_mask = src.can_idle() ? 0 : 255;
    publish_progress(src, input_index);
    RawPacket pkt;
    unsigned n = 0;
    int64_t last_tick = coarse_monotonic_ms();
    ConsoleSink* console = dispatcher_ ? nullptr : workers_[0]->console();
    if (dispatcher_) dispatcher_->set_console_ticks(src.can_idle());
    try {
        for (;;) {
            ReadStatus st = src.read(pkt);
            if (st == ReadStatus::End) break;
            if (st == ReadStatus::Packet) {
                handle_packet(pkt);
                if ((++n & clock_mask) != 0) continue;
            }
            publish_progress(src, input_index);
            const int64_t now = coarse_monotonic_ms();
            const bool tick = now - last_tick >= kTickMs;
            // A stream that went quiet, or trickles, shows its -c output now, not when 4 KiB piled up.
            if (console && src.can_idle() && (st == ReadStatus::Idle || tick)) console->flush_waiting();
            // A quiet or trickling input's packets reach their workers now, not when a batch fills.
            if (dispatcher_ && (st == ReadStatus::Idle || tick)) dispatcher_->flush();
            if (tick) {
                last_tick = now;
                tick_durability(now);
                if (progress_ && progress_->due(now)) draw_progress(now, src);
            }
        }
    } catch (const CaptureError& e) {
        if (dispatcher_) dispatcher_->flush();
        report_error(e.what());
        return false;
    }
    if (dispatcher_) dispatcher_->flush();
    publish_progress(src, input_index);
    return true;
}

int Recorder::run() {
    try {
        open_outputs();
        tick_durability(coarse_monotonic_ms());  // the first tick dates the first buffers
        start_progress();
        if (opt_.live) {
            LiveOptions lo;
            lo.device = opt_.device;
            lo.promiscuous = opt_.promiscuous;
            lo.timeout_ms = cfg_.packet_buffer_timeout;
            lo.buffer_bytes = cfg_.capture_buffer;
            lo.filter = opt_.filter;  // the kernel filters too; the user-space pass then keeps all
            auto src = open_live(lo);
            after_capture_opened();
            input_names_.push_back(src->describe());
            live_name_ = src->describe();
            read_source(*src, false, -1);
            has_capture_stats_ = src->capture_stats(capture_stats_);
            capture_stats_.captured = counters_.read;
            note_stop(*src, true);
        }
        for (size_t i = 0; i < opt_.inputs.size(); ++i) {
            const InputSpec& in = opt_.inputs[i];
            if (capture_stop_requested()) {
                note_stop_before(in.path);
                break;
            }
            std::unique_ptr<PacketSource> src;
            try {
                src = open_capture_file(in.path);
            } catch (const CaptureError& e) {
                if (capture_stop_requested()) {  // a signal while waiting for a pipe's header
                    note_stop_before(in.path);
                    break;
                }
                report_error(e.what());
                continue;
            }
            after_capture_opened();
            input_names_.push_back(in.path);
            read_source(*src, in.finish_only, static_cast<int>(i));
            note_stop(*src, false);
            input_done(in.path);
        }
        finish();
        announce_stop();
        warn_about_crowded_directory();
    } catch (const std::exception& e) {
        report_error(e.what());
        try {
            finish();
        } catch (const std::exception& e2) {
            report_error(e2.what());
        }
    }
    return exit_status();
}

int Recorder::exit_status() const {
    if (stop_signal_) return kExitSignalBase + stop_signal_;
    if (failed_) return kExitIoError;
    if (scanner_failed_) return kExitScannerError;
    return kExitOk;
}

void Recorder::after_capture_opened() {
    if (opt_.user.empty() || privileges_dropped_) return;
    // By descriptor: a path could have been swapped for a link since; the
    // descriptors also keep working inside the chroot.
    drop_privileges(opt_.user, opt_.chroot_dir, {outdir_ ? outdir_->fd() : -1, report_fd_.get()});
    privileges_dropped_ = true;
}

void Recorder::warn_about_crowded_directory() {
    // tcpflow's advice: past 10,000 entries many file systems slow down.
    constexpr uint64_t kCrowded = 10000;
    uint64_t created = 0;
    for (const auto& w : workers_) created += w->files() ? w->files()->counters().files_created : 0;
    if (opt_.quiet || created < kCrowded) return;
    bool binned = false;
    for (const NamingEdit& e : opt_.naming)
        binned |= e.is_template ? e.value.find('/') != std::string::npos
                                : e.value.find_first_of("kmg") != std::string::npos;
    if (binned) return;
    fprintf(stderr,
            "tcpflow: warning: %llu flow files were created in %s; consider -Fk, -Fm or -Fg to bin them "
            "into subdirectories\n",
            static_cast<unsigned long long>(created), cfg_.output.outdir.c_str());
}

void Recorder::finish() {
    if (finished_) return;
    finished_ = true;
    clear_progress();
    progress_.reset();  // nothing is drawn after the reading
    close_workers();
    if (host_ && !host_->failures().empty()) scanner_failed_ = true;
    for (const auto& h : worker_hosts_)
        if (!h->failures().empty()) scanner_failed_ = true;
    for (const auto& w : workers_) {
        const ConsoleSink* c = w->console();
        if (c && c->write_failed() && c->write_errno() != EPIPE) {
            report_error(std::string("cannot write to standard output: ") + strerror(c->write_errno()));
            break;
        }
    }
    if (unprocessed_) unprocessed_->close();
    if (has_capture_stats_ && !opt_.quiet) print_capture_stats(stderr, capture_stats_);
    if (!report_ && !json_file_) return;
    const RunSummary s = summary();
    if (json_file_) finish_json(s);
    if (report_) report_->finish(s);
}

}  // namespace tcpflow
