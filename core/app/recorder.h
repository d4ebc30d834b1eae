// The pipeline for one run: inputs -> filter -> decoder -> flow table -> sinks.
// It owns every stage and guarantees that, whatever goes wrong, every flow seen
// so far is written and the report is closed.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "app/options.h"
#include "app/packet_counters.h"
#include "app/run_config.h"
#include "capture/packet_source.h"
#include "decode/decoder.h"
#include "output/dfxml_report.h"
#include "flow/flow_table.h"
#include "pipeline/worker.h"
#include "util/unique_fd.h"

namespace tcpflow {

class BpfFilter;
class PcapWriter;
class FlowFileWriter;
class FlowPcapWriter;
class ConsoleSink;
class OutputDir;
class ScannerHost;
class FlowNamer;
class OutputLock;
class Dispatcher;
class JsonLineFile;
class JsonFlowLog;
class ProgressLine;

/// The file-name template after every -T and -F in command-line order.
/// Throws NamingError for an invalid template.
FlowNamer make_namer(const Options& opt);

/// The workers a run uses: `cfg.jobs` (0: the online cores; 1 with -c/-C), or 1 when flow file names
/// would depend on how flows are spread over workers (see FlowNamer::names_connections_apart).
unsigned resolve_jobs(const Options& opt, const RunConfig& cfg);

class Recorder {
public:
    /// `host` may be null (no scanners). It must outlive the recorder.
    Recorder(const Options& opt, const RunConfig& cfg, ScannerHost* host);
    ~Recorder();

    /// Initialises the enabled scanners before anything is created, so that a
    /// scanner rejecting its settings is a command-line error with no output.
    /// Throws HostError. run() does it if the app did not.
    void start_scanners();
    /// Runs every input; returns the process exit status (0, or 1 after an error
    /// that was reported on stderr).
    int run();

private:
    void open_outputs();
    std::unique_ptr<ConsoleSink> make_console();
    void open_report();
    void open_spill_dir();
    /// Worker k's sinks and flow settings, its share of the run's caps (core/app/recorder_workers.cpp).
    void open_workers();
    WorkerSinks worker_sinks(unsigned k);
    FlowConfig worker_flow_config(unsigned k) const;
    /// The reader stops when a worker failed, as -j 1 stops on the exception.
    void check_workers();
    /// Closes every worker's flows and ends the scanners' run (merging per-worker instances).
    void close_workers();
    /// The report's totals, summed over workers (core/app/recorder_summary.cpp).
    RunSummary summary() const;
    // The JSON flow log (core/app/recorder_json.cpp).
    void open_json();
    void finish_json(const RunSummary& s);
    // The status line on stderr (core/app/recorder_progress.cpp).
    void start_progress();
    void draw_progress(int64_t now_ms, const PacketSource& src);
    void clear_progress();
    /// After input `path` was read: its bytes count as done.
    void input_done(const std::string& path);
    /// `input_index`: -1 live capture, else the index in opt_.inputs.
    bool read_source(PacketSource& src, bool finish_only, int input_index);
    static constexpr int64_t kTickMs = 100;  // the durability tick's period
    void handle_packet(const RawPacket& pkt);
    void write_unprocessed(const RawPacket& pkt);
    void open_unprocessed(const PacketSource& src);
    void finish();
    void after_capture_opened();
    void warn_about_crowded_directory();
    void report_error(const std::string& what);
    /// Called by the input loop at least every 100 ms of wall time (between packets, and when
    /// an input is idle): writes out what has waited in memory longer than the durability
    /// bound (core/app/recorder_durability.cpp). `now_ms`: coarse_monotonic_ms(), which the
    /// loop has just read.
    void tick_durability(int64_t now_ms);
    /// The process exit status from what happened (see app/exit_status.h).
    int exit_status() const;

    // Stopping by signal (core/app/recorder_stop.cpp).
    /// After an input's loop: records a stop that cut it short (file/pipe: 128+signo).
    void note_stop(const PacketSource& src, bool live);
    /// A stop seen between inputs: `next` is the first input left unread.
    void note_stop_before(const std::string& next);
    /// Where reading is, for a forced stop on the watchdog thread (updated when the loop
    /// looks at the clock: every packet of a pipe or interface, every 256 of a file).
    void publish_progress(const PacketSource& src, int input_index);
    /// One line on stderr about the interruption; after finish() so the report is closed.
    void announce_stop() const;
    static void forced_stop(int signo, bool second_signal, void* self);

    const Options& opt_;
    RunConfig cfg_;
    ScannerHost* host_;
    std::unique_ptr<OutputLock> lock_;  // declared first: released after every output is closed
    std::shared_ptr<const OutputDir> outdir_;  // -o, opened once: every file under it is created through it
    std::unique_ptr<BpfFilter> filter_;
    std::unique_ptr<PcapWriter> unprocessed_;
    UniqueFd report_fd_;  // outlives report_, which writes to it
    UniqueFd spill_dir_fd_;  // $TMPDIR when there is no output folder; outlives the workers' tables
    std::unique_ptr<DfxmlReport> report_;
    std::shared_ptr<JsonLineFile> json_file_;  // shared by every JsonFlowLog (one per worker)
    std::unique_ptr<ProgressLine> progress_;
    uint64_t input_base_bytes_ = 0;  // file sizes of the inputs read before the current one
    Decoder decoder_;
    unsigned jobs_ = 1;                 // -j: workers
    bool store_files_ = false;          // flow files are written (not -c, -K or -FX)
    std::mutex host_lock_;              // serialises host_ when it serves several workers
    std::vector<std::unique_ptr<ScannerHost>> worker_hosts_;  // per-worker scanner instances of workers 1..N-1
    std::vector<std::unique_ptr<Worker>> workers_;  // flow tables and per-flow sinks; after the report and hosts they call
    std::unique_ptr<Dispatcher> dispatcher_;         // -j N > 1: feeds the workers' threads
    PacketCounters counters_;
    std::vector<std::string> input_names_;
    bool failed_ = false;          // an input or output error (kExitIoError)
    bool scanner_failed_ = false;  // a scanner failed (kExitScannerError)
    int stop_signal_ = 0;          // the signal that stopped file/pipe input before its end
    bool has_capture_stats_ = false;  // a live capture ran: capture_stats_ holds its counters
    CaptureStats capture_stats_;
    bool finished_ = false;
    bool scanners_started_ = false;
    bool privileges_dropped_ = false;
    std::string report_path_;
    std::string first_error_;
    bool has_interruption_ = false;
    Interruption interruption_;
    // Snapshot of the reading position for a forced stop (another thread reads it).
    std::atomic<uint64_t> progress_packets_{0};
    std::atomic<uint64_t> progress_offset_{0};
    std::atomic<int> progress_input_{-2};
    std::string live_name_;  // "interface eth0", set before reading starts  // -1: live capture, >= 0: opt_.inputs index, -2: none yet
};

}  // namespace tcpflow
