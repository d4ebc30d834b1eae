// The reader's side of -j N: it appends each decoded packet to the current batch
// of the worker its flow belongs to (flow_bucket, BucketLevel::Worker) and hands
// full batches to that worker's thread through its queue. All workers share one
// fixed pool of batches (workers x batches_per_worker()) that travel reader ->
// worker -> pool -> reader, so memory stays bounded and the reader waits only when
// the whole pool is queued: a worker whose flows burst may run as far ahead as
// every batch allows, not just its own share, while the others still get theirs
// (before it waits, the reader hands over the partly filled batches of idle
// workers). The pool gives way to the out-of-order bytes the workers hold
// (kBytesInFlight). The only locks are the two queue hand-offs per batch.
//
// Packet events (scanners' packet callback): a TCP packet's goes with its
// segment to its flow's worker; any other packet's (not TCP, a fragment held
// for reassembly) goes to worker 0.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include "pipeline/bounded_queue.h"
#include "pipeline/segment_batch.h"
#include "pipeline/worker.h"

namespace tcpflow {

class Dispatcher {
public:
    /// What batches on their way to the workers and the out-of-order bytes the workers'
    /// reassemblers hold may take together, whatever -j. The pool has batches for all of it;
    /// out-of-order bytes (and open flows, kFlowCharge) push batches out, leaving each worker
    /// kMinBatchesPerLane: the reader keeps that many batches in the pool, and a worker gives a
    /// returned batch's memory back while the batches holding memory are over their share.
    /// So a capture whose flows wait behind holes (tests/faults/ooo-memory.sh's
    /// hole-many-segments, bound 1.6.1 + 20 MiB = 33.3 MiB) keeps 12 MiB of batches and
    /// peaks at 29.9 MiB (30.5 with the fixed 12 MiB pool before), while an ordinary capture
    /// gets 16 MiB, which carries a worker through the other's bursts: real-http -a at -j 2
    /// against -j 1 went from 1.69x with a fixed 12 MiB to 1.74x with 16 (1.75x with 24).
    static constexpr size_t kBytesInFlight = 16u << 20;
    /// Open flows push batches out too, this much each: what a flow direction's state cost
    /// us beyond what it costs tcpflow 1.6.1 when this was set (about 1.2 KiB against 1.1 KiB,
    /// measured with 50,000 and 100,000 flows each waiting behind a hole; since FlowInfo was
    /// packed and the path stored once it is 1,051 B against 1,128, so the charge now leaves
    /// room for the workers' malloc arenas: 300,000 such flows peak 4.3 MiB higher at -j 2
    /// than at -j 1, ooo-memory.sh hole-300k-flows-j2). A capture that keeps 100,000
    /// flows open then runs with about 4 MiB of batches instead of 16, and stays within
    /// 1.6.1's memory + 20 MiB at -j 2 as at -j 1; ordinary captures keep few flows open
    /// (real-http 16, many-flows 190) and keep the whole pool.
    static constexpr size_t kFlowCharge = 128;
    /// The batches the reserve always leaves each worker: one being filled, one being
    /// processed, two queued.
    static constexpr size_t kMinBatchesPerLane = 4;
    /// Each worker's share of the pool (batches being filled, queued or being processed):
    /// as many full-size batches as kBytesInFlight allows, at least kMinBatchesPerWorker. A
    /// deep pool matters: one big flow's burst queues batches for its worker, and the
    /// reader (and with it every other worker) waits once the pool is empty.
    static size_t batches_per_worker(size_t workers);
    static constexpr size_t kMinBatchesPerWorker = 4;
    /// The bytes one batch collects before it is handed over, for `workers` workers.
    static size_t batch_bytes(size_t workers);

    /// `workers` must outlive the dispatcher. `copy_frames`: a sink needs whole frames (-K, or
    /// scanners' packet events). `tick_ms`: how often an idle or busy worker runs its tick.
    Dispatcher(std::vector<Worker*> workers, bool copy_frames, int64_t tick_ms);
    /// Stops the threads if finish() was not called (their flows are closed).
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    size_t workers() const { return lanes_.size(); }
    /// A decoded segment for its flow's worker; `packet_event`: scanners see the packet too.
    void dispatch(const TcpSegment& seg, bool packet_event);
    /// A packet for scanners' packet callback only (worker 0).
    void dispatch_packet(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen, uint32_t wirelen);
    /// -R: whether workers may open new flows for what follows (hands over what came before).
    void set_start_new_flows(bool on);
    /// Hands every partly filled batch over (an input that went quiet, the end of an input).
    void flush();
    /// Whether workers show waiting -c output at each tick (the input is a stream).
    void set_console_ticks(bool on) { console_ticks_.store(on, std::memory_order_relaxed); }
    /// A worker failed (disk full...): it has stopped taking packets. The first failure's
    /// message, once (then ""); the reader stops on it as -j 1 does on the exception.
    bool failed() const { return failed_.load(std::memory_order_relaxed); }
    std::string take_failure();
    /// Hands everything over, lets every worker close its flows and waits for them. Returns
    /// the errors not yet taken, in worker order. Idempotent.
    std::vector<std::string> finish();

private:
    using BatchQueue = BoundedQueue<std::unique_ptr<SegmentBatch>>;
    struct Lane {
        Worker* worker = nullptr;
        std::unique_ptr<SegmentBatch> current;      // being filled by the reader; null: none yet
        explicit Lane(size_t batches) : work(batches) {}
        BatchQueue work;                            // never full: it could hold the whole pool
        std::thread thread;
        std::vector<std::string> errors;            // written by the lane's thread only
    };

    /// The lane's batch to fill: its current one, else one from the pool.
    SegmentBatch& current(Lane& lane);
    /// A free batch from the pool; when there is none, first hands over what idle workers
    /// could already work on, then waits.
    std::unique_ptr<SegmentBatch> take_free();
    /// Batches the pool keeps for the out-of-order bytes the workers have held.
    size_t pending_reserve() const;
    /// A worker's batch back to the pool, its memory given back when over the batches' share.
    void give_back(std::unique_ptr<SegmentBatch>& batch);
    void hand_over(Lane& lane);
    void run_lane(Lane& lane);
    void fail(Lane& lane, const std::string& what);

    std::vector<std::unique_ptr<Lane>> lanes_;
    BatchQueue pool_;                     // free batches, shared by every lane: last in, first out,
                                          // those that hold memory above those that do not
    std::atomic<size_t> holding_{0};      // batches that hold memory (taken since made or released)
    size_t batch_bytes_;
    bool copy_frames_;
    bool start_new_flows_ = true;
    int64_t tick_ms_;
    std::atomic<bool> console_ticks_{false};
    std::atomic<bool> failed_{false};
    std::mutex failure_mu_;
    std::string failure_;                 // the first failure's message
    bool failure_taken_ = false;
    bool finished_ = false;
};

}  // namespace tcpflow
