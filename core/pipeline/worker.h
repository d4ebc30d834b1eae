// One -j worker: its share of the flow table and the sinks that keep per-flow
// state (flow files, -K pcaps, console, scanner instances). Both directions of
// a connection always reach the same worker (flow/flow_bucket.h), so nothing
// here is shared with another worker except what SharedSink wraps (the report,
// and a scanner host whose scanners are not all per-worker). With -j 1 the
// recorder feeds its one worker packet by packet on the reading thread; with
// -j N a Dispatcher feeds each worker batches on its own thread.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "flow/flow_table.h"
#include "pipeline/segment_batch.h"

namespace tcpflow {

class FlowFileWriter;
class FlowPcapWriter;
class ConsoleSink;
class ScannerHost;
class DfxmlReport;
class SharedSink;

/// What a worker owns or calls, built by the recorder from the options.
struct WorkerSinks {
    std::unique_ptr<FlowFileWriter> files;
    std::unique_ptr<FlowPcapWriter> pcaps;     // -K
    std::unique_ptr<ConsoleSink> console;      // -c / -C
    std::unique_ptr<ScannerHost> own_host;     // this worker's scanner instances (workers after the first)
    ScannerHost* host = nullptr;               // the host this worker calls: own_host, the app's, or none
    std::mutex* host_lock = nullptr;           // set when `host` serves every worker: calls are serialised
    DfxmlReport* report = nullptr;
    std::unique_ptr<FlowSink> json;            // --json: this worker's connections (one shared line file)
    /// Several workers: the scanners' and the report's end of run is the recorder's, once,
    /// after every worker closed its flows (and per-worker instances were merged).
    bool run_end_by_recorder = false;
};

class Worker {
public:
    /// `flush_interval_ms`: the durability bound (-S flush_interval).
    Worker(unsigned index, const FlowConfig& cfg, uint32_t flush_interval_ms, WorkerSinks sinks);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    unsigned index() const { return index_; }
    /// One decoded TCP segment of this worker's flows.
    void process(const TcpSegment& seg);
    /// A packet for the scanners' packet callback.
    void packet_event(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen, uint32_t wirelen);
    /// Every packet of a batch, in order.
    void process_batch(const SegmentBatch& batch);
    void set_start_new_flows(bool on) { table_->set_start_new_flows(on); }

    /// The durability tick for this worker's sinks (Recorder::tick_durability): flow-file
    /// buffers past the bound, derived files every half bound; `console`: also show -c output
    /// that waits (the input is a stream that may trickle).
    void tick(uint64_t now_ms, bool console);
    /// Closes every flow (end of input, or after an error). A sink that fails throws once
    /// and then stops writing, so closing again still gives every remaining flow its
    /// record: each failure's message is appended to `errors`.
    void close_all(std::vector<std::string>& errors);

    const FlowTable& table() const { return *table_; }
    /// Flow counts for the progress line, readable from the reading thread: refreshed after
    /// every batch, or by publish_counts() on the worker's own thread (-j 1).
    void publish_counts();
    uint64_t open_flows_published() const { return open_flows_.load(std::memory_order_relaxed); }
    uint64_t flows_created_published() const { return flows_created_.load(std::memory_order_relaxed); }
    /// The most out-of-order bytes this worker's reassemblers held (FlowTable::pending_total)
    /// after any batch so far: the dispatcher's batch pool gives way to them
    /// (Dispatcher::kBytesInFlight). The most, not the current figure: the memory they freed
    /// stays with this thread's allocator for the next ones.
    uint64_t pending_peak_published() const { return pending_peak_.load(std::memory_order_relaxed); }
    /// The most flows this worker had open after any batch so far (the pool gives way to
    /// them too, Dispatcher::kFlowCharge).
    uint64_t open_flows_peak_published() const { return open_flows_peak_.load(std::memory_order_relaxed); }
    FlowFileWriter* files() const { return sinks_.files.get(); }
    FlowPcapWriter* pcaps() const { return sinks_.pcaps.get(); }
    ConsoleSink* console() const { return sinks_.console.get(); }
    /// This worker's own scanner host (null when it calls a shared one or none).
    ScannerHost* own_host() const { return sinks_.own_host.get(); }

private:
    unsigned index_;
    WorkerSinks sinks_;
    std::vector<std::unique_ptr<SharedSink>> shared_;  // adapters in front of shared sinks
    std::unique_ptr<FlowTable> table_;
    uint64_t objects_flushed_ms_ = 0;  // when derived files' buffers were last written out
    uint32_t flush_interval_ms_;
    std::atomic<uint64_t> open_flows_{0};
    std::atomic<uint64_t> flows_created_{0};
    std::atomic<uint64_t> pending_peak_{0};
    std::atomic<uint64_t> open_flows_peak_{0};
};

}  // namespace tcpflow
