// report.xml: tcpflow 1.6.1's DFXML report, element for element, plus a few
// elements tcpflow never had (reassembly trouble per flow, packet fates, cap
// evictions, the error that ended a run). Registered as the last FlowSink, it
// writes one <fileobject> per flow direction as the flow closes. The document
// is always closed: finish() on every exit path, or the destructor as a last
// resort, so a failed run still leaves well-formed XML.
//
// Incremental: the header is written at once, and each flow's record reaches
// the file within flush_interval_ms (wall time) of the flow's close, always in
// whole records (XmlWriter::mark). A report cut by kill -9 is a prefix ending
// between records: appending the closing tags of the open elements
// (</configuration></dfxml>) makes it valid XML. When the report itself cannot
// be written (disk full), the file is cut back to its last whole record, the
// first error is thrown once, and nothing more is written.
//
// Extensions beyond tcpflow (ignored by tcpflow's consumers, which look up
// elements by name):
//   <tcpflow ... connection_id='C...'>: the same id on both directions of a connection,
//   and in the JSON flow log (flow/connection_id.h).
//   inside <fileobject>, only for flows that had trouble (holes, retransmitted
//   or conflicting bytes, bytes cut by -b, or closed by timeout / -m jump / new
//   SYN / flow cap):
//     <reassembly close_reason='timeout' [duplicate_bytes='N'] [overlap_conflicts='N']
//                 [gap_bytes='N'] [forced_gaps='N'] [stored_bytes='N'] [truncated='1']>
//       <gap offset='O' length='L'/>...       (the first holes, as recorded)
//     </reassembly>
//   truncated='1': writing the flow file failed (disk full...): <filesize> keeps
//   tcpflow's meaning (the stream's length) and stored_bytes is the file's real
//   size on disk. stored_bytes alone (no truncated): bytes stored after -b.
//   Derived objects (http bodies...) that could not be written whole carry the
//   same two attributes on their own <fileobject truncated='1' stored_bytes='N'>.
//   after <total_packets>:
//     <packets_not_processed><packets reason='not_tcp'>N</packets>...</packets_not_processed>
//     <cap_evictions><evictions cap='open_files'>N</evictions>...</cap_evictions>
//     <run_counters><counter name='...'>N</counter>...</run_counters>
//     <run_error>message</run_error>            (only when the run failed)
//     <interrupted signal='SIGINT' forced='0' packets_read='N' input='...' input_offset='N'/>
//     <scanner_faults><fault scanner='..' event='..' flow='..'>message</fault>...</scanner_faults>
//     <capture_stats><stat name='dropped_by_kernel'>N</stat>...</capture_stats>
//   A scanner fragment that is not well-formed XML is kept as escaped text in
//   <invalid_annotation> instead of breaking the document.
#pragma once
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "flow/flow_sink.h"
#include "output/run_description.h"
#include "output/scanner_fault.h"
#include "util/timestamp.h"

namespace tcpflow {

class XmlWriter;

/// How the program was built (the <build_environment> block). Empty fields
/// take the values this file was compiled with (__VERSION__, __DATE__ __TIME__).
struct BuildInfo {
    std::string version;           // PACKAGE_VERSION: <version>
    std::string compiler;          // default: __VERSION__
    std::string cppflags, cflags, cxxflags, ldflags, libs;
    std::string compilation_date;  // default: __DATE__ __TIME__ as 2022-05-14T04:43:23
};

struct ReportSetup {
    BuildInfo build;
    std::string command_line;      // the real argv, joined (1.6.1 wrote a placeholder)
    int64_t tdelta = 0;            // <tdelta>
    uint32_t flush_interval_ms = 1000;  // a closed flow's record waits at most this long (0: at once)
    std::string shard_xml;         // --shard: "<shard index='K' count='N' outdir='D'/>", after <execution_environment>
    RunDescription run;            // the first <configuration>: scanners and changed core settings
};

struct NamedCount {
    std::string name;
    uint64_t value;
};

/// A run stopped by a signal: <interrupted signal='SIGINT' forced='0' packets_read='N'
/// input='file.pcap' input_offset='N'/>. `forced`: a second signal or the shutdown deadline
/// cut the drain short.
struct Interruption {
    std::string signal;          // "SIGINT"
    bool forced = false;
    uint64_t packets_read = 0;
    std::string input;           // the input being read ("stdin", "interface lo", a path)
    uint64_t input_offset = 0;   // bytes of that input consumed
};

/// Run totals for the end of the report, gathered by the caller.
struct RunSummary {
    // tcpflow's own totals
    uint64_t open_fds_at_end = 0;
    uint64_t max_open_flows = 0;
    uint64_t total_flows = 0;        // flow directions created
    uint64_t flow_map_size = 0;      // live flows at the end (0 after a normal run)
    uint64_t total_packets = 0;      // TCP packets attributed to flows
    /// Scanner end-of-run output, placed inside <summary> as is (checked for
    /// well-formedness); empty gives tcpflow's "<summary />".
    std::string summary_xml;
    // beyond tcpflow
    std::vector<NamedCount> unprocessed_packets;  // packets not turned into flow data, by reason
    std::vector<NamedCount> cap_evictions;        // resources given back because a cap was hit, by cap
    std::vector<NamedCount> counters;             // anything else worth keeping
    std::string error;                            // what ended the run early, if anything
    bool has_interruption = false;
    Interruption interruption;                    // valid when has_interruption
    std::vector<ScannerFault> scanner_faults;
    std::vector<NamedCount> capture_stats;        // live capture: pcap_stats (received, dropped, ...)
};

class DfxmlReport : public FlowSink {
public:
    /// Creates `path` and writes everything up to the flows' <configuration>.
    /// Throws std::runtime_error naming the path when it cannot be created.
    DfxmlReport(const std::string& path, const ReportSetup& setup);
    /// Writes to an fd the caller owns (tests, "-X -"); `name` is used in errors.
    DfxmlReport(int fd, const std::string& name, const ReportSetup& setup);
    /// Closes the document if finish() was not called (empty summary, no throw).
    ~DfxmlReport() override;
    DfxmlReport(const DfxmlReport&) = delete;
    DfxmlReport& operator=(const DfxmlReport&) = delete;

    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override {}
    bool wants_data() const override { return false; }
    void on_close(FlowInfo& flow) override;

    /// Write the totals and </dfxml>, flush and close. Call it on every exit
    /// path; later calls do nothing. Throws std::runtime_error on write errors.
    void finish(const RunSummary& summary);
    /// For a forced stop, from another thread: waits at most `wait_ms` for a report write
    /// in progress, then writes <interrupted forced='1'/> and </dfxml> and flushes. The
    /// totals are left out; flows closed so far are in. False when the lock was not had.
    bool finish_forced(const Interruption& why, int wait_ms);
    bool finished() const { return finished_; }
    /// The durability tick (`now_ms`: a monotonic wall clock): records that have waited
    /// flush_interval_ms are written. Throws on the first write error.
    void flush_aged(uint64_t now_ms);
    /// A write failed: the report stopped at its last whole record.
    bool failed() const { return failed_; }
    uint64_t fileobjects() const { return fileobjects_; }

private:
    void write_header(const ReportSetup& setup);
    void write_build_environment(const BuildInfo& b);
    void write_execution_environment(const std::string& command_line);
    void write_tcpflow_element(const FlowInfo& flow);
    void write_reassembly(const FlowInfo& flow);
    void write_fragment(const std::string& xml);
    void write_counts(const char* outer, const char* inner, const char* key, const std::vector<NamedCount>& v);
    void write_interruption(const Interruption& i);
    void write_scanner_faults(const std::vector<ScannerFault>& faults);
    void write_rusage();
    const std::string& utc_usec(const Timestamp& t);
    void write_record(const FlowInfo& flow);
    void write_summary(const RunSummary& s);
    /// Runs a write step; on its error: failed_, nothing more written, the error rethrown once.
    template <class Step>
    void guarded(Step&& step);

    // Flows close in bursts within the same second: format its date once.
    int64_t cached_sec_ = INT64_MIN;
    std::string cached_date_;   // "2013-03-19T16:05:11"
    std::string time_text_;     // the last utc_usec() result

    std::unique_ptr<XmlWriter> out_;
    // Held while writing: a forced stop (app/signals.h) closes the document from the
    // watchdog thread. Taken once per flow close, so it costs nothing measurable.
    std::timed_mutex mu_;
    bool finished_ = false;
    bool failed_ = false;
    uint32_t flush_interval_ms_ = 1000;
    uint64_t now_ms_ = 0;            // the last durability tick
    bool waiting_ = false;           // records are buffered...
    uint64_t waiting_since_ms_ = 0;  // ...since this tick
    uint64_t fileobjects_ = 0;
    struct timespec started_{};  // monotonic, for <clocktime>
};

}  // namespace tcpflow
