#include "pipeline/dispatcher.h"
#include "output/failure_echo.h"
#include <algorithm>
#include <malloc.h>
#include "flow/flow_bucket.h"
#include "host/scanner_fault_guard.h"
#include "util/monotonic_ms.h"

namespace tcpflow {

size_t Dispatcher::batches_per_worker(size_t workers) {
    const size_t full_size = kBytesInFlight / (std::max<size_t>(workers, 1) * SegmentBatch::kMaxBytes);
    return std::max(full_size, kMinBatchesPerWorker);
}

size_t Dispatcher::batch_bytes(size_t workers) {
    const size_t share = kBytesInFlight / (std::max<size_t>(workers, 1) * batches_per_worker(workers));
    return std::min<size_t>(SegmentBatch::kMaxBytes, std::max<size_t>(share, 32u << 10));
}

namespace {

// glibc raises its mmap and trim thresholds itself only when it frees a chunk it mmapped.
// The batches' pages are mapped outside malloc (PageBuffer), so nothing here ever does that,
// and at the default 128 KiB the workers' arenas hand their top back (madvise) and fault it
// in again on nearly every flush: few-big-flows made 4,601 madvise calls instead of 164 and
// took 0.53 s instead of 0.40. These are about the values glibc reached by itself when the
// batches grew through malloc.
void raise_malloc_thresholds() {
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD)
    static const bool once = [] {
        ::mallopt(M_MMAP_THRESHOLD, 256 << 10);
        ::mallopt(M_TRIM_THRESHOLD, 512 << 10);
        return true;
    }();
    (void)once;
#endif
}

}  // namespace

Dispatcher::Dispatcher(std::vector<Worker*> workers, bool copy_frames, int64_t tick_ms)
    : pool_(workers.size() * batches_per_worker(workers.size()), BatchQueue::Order::Lifo),
      batch_bytes_(batch_bytes(workers.size())),
      copy_frames_(copy_frames),
      tick_ms_(tick_ms) {
    raise_malloc_thresholds();
    for (size_t i = 0; i < pool_.capacity(); ++i) {
        auto b = std::make_unique<SegmentBatch>(batch_bytes_);
        pool_.push(b);
    }
    for (Worker* w : workers) {
        auto lane = std::make_unique<Lane>(pool_.capacity());
        lane->worker = w;
        lanes_.push_back(std::move(lane));
    }
    for (auto& lane : lanes_) {
        Lane* l = lane.get();
        l->thread = std::thread([this, l] { run_lane(*l); });
    }
}

Dispatcher::~Dispatcher() { finish(); }

void Dispatcher::dispatch(const TcpSegment& seg, bool packet_event) {
    const uint32_t n = static_cast<uint32_t>(lanes_.size());
    Lane& lane = *lanes_[flow_bucket(flow_key_of(seg), n, BucketLevel::Worker)];
    if (lane.current && !lane.current->has_room_for(seg, copy_frames_)) hand_over(lane);
    SegmentBatch& batch = current(lane);
    batch.add_segment(seg, copy_frames_, packet_event);
    if (batch.full()) hand_over(lane);
}

void Dispatcher::dispatch_packet(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen,
                                 uint32_t wirelen) {
    Lane& lane = *lanes_[0];
    if (lane.current && !lane.current->has_room(caplen)) hand_over(lane);
    SegmentBatch& batch = current(lane);
    batch.add_packet(dlt, ts, frame, caplen, wirelen);
    if (batch.full()) hand_over(lane);
}

SegmentBatch& Dispatcher::current(Lane& lane) {
    if (!lane.current) {
        lane.current = take_free();
        if (!lane.current->holds_memory()) holding_.fetch_add(1, std::memory_order_relaxed);
    }
    return *lane.current;
}

size_t Dispatcher::pending_reserve() const {
    uint64_t bytes = 0;
    for (const auto& lane : lanes_)
        bytes += lane->worker->pending_peak_published() + lane->worker->open_flows_peak_published() * kFlowCharge;
    const uint64_t batches = (bytes + batch_bytes_ - 1) / batch_bytes_;
    const size_t most = pool_.capacity() - std::min(pool_.capacity(), kMinBatchesPerLane * lanes_.size());
    return static_cast<size_t>(std::min<uint64_t>(batches, most));
}

void Dispatcher::give_back(std::unique_ptr<SegmentBatch>& batch) {
    const size_t share = pool_.capacity() - pending_reserve();
    if (batch->holds_memory() && holding_.load(std::memory_order_relaxed) > share) {
        batch->release();
        holding_.fetch_sub(1, std::memory_order_relaxed);
        pool_.push_last(batch);  // under the batches that hold memory: taken when they are all out
    } else {
        batch->clear();
        pool_.push(batch);       // taken next, its pages still in place
    }
}

std::unique_ptr<SegmentBatch> Dispatcher::take_free() {
    std::unique_ptr<SegmentBatch> batch;
    // The batches that out-of-order bytes push out stay in the pool (kBytesInFlight).
    const size_t keep = pending_reserve();
    if (pool_.try_pop(batch, keep)) return batch;
    // Every batch the reader may have is queued or being filled. A worker with nothing
    // queued would sit idle while the reader waits for the busy one: give it what the
    // reader holds for it.
    for (auto& lane : lanes_)
        if (lane->current && lane->work.size() == 0) hand_over(*lane);
    // Waits while the workers hold those batches: the memory bound. Waking for each freed
    // batch would cost the reader and the workers a context switch per batch, so the reader
    // sleeps until a quarter of the batches it may use are back, or until a worker runs dry
    // (nudge()). A quarter of those, not of the pool: when open flows or out-of-order bytes
    // leave it few, waiting for a quarter of the pool would wait for every worker to drain.
    const size_t usable = pool_.capacity() - keep;
    const size_t refill = keep + std::max<size_t>(1, usable / 4);
    if (pool_.pop_when(batch, refill, std::chrono::hours(24 * 365), keep) != BatchQueue::Pop::Item)
        batch = std::make_unique<SegmentBatch>(batch_bytes_);  // not reached: the pool is never closed
    return batch;
}

void Dispatcher::hand_over(Lane& lane) {
    if (!lane.current || lane.current->empty()) return;
    lane.current->start_new_flows = start_new_flows_;
    lane.work.push(lane.current);  // never waits; after close() the batch stays current
}

void Dispatcher::flush() {
    for (auto& lane : lanes_) hand_over(*lane);
}

void Dispatcher::set_start_new_flows(bool on) {
    if (on == start_new_flows_) return;
    flush();  // what came before keeps the old setting
    start_new_flows_ = on;
}

void Dispatcher::fail(Lane& lane, const std::string& what) {
    lane.errors.push_back(what);
    std::lock_guard<std::mutex> hold(failure_mu_);
    if (failure_.empty() && !failed_.load()) failure_ = what;
    failed_.store(true);
}

std::string Dispatcher::take_failure() {
    std::lock_guard<std::mutex> hold(failure_mu_);
    if (failure_taken_) return "";
    failure_taken_ = true;
    return failure_;
}

void Dispatcher::run_lane(Lane& lane) {
    prepare_thread_for_scanners();
    Worker& w = *lane.worker;
    bool stopped = false;  // after a failure the worker takes no more packets, as -j 1 stops
    int64_t last_tick = coarse_monotonic_ms();
    std::unique_ptr<SegmentBatch> batch;
    using Pop = BoundedQueue<std::unique_ptr<SegmentBatch>>::Pop;
    for (;;) {
        Pop got = Pop::Item;
        if (!lane.work.try_pop(batch)) {
            pool_.nudge();  // about to run dry: a reader waiting for batches should not wait long
            got = lane.work.pop(batch, std::chrono::milliseconds(tick_ms_));
        }
        if (got == Pop::Closed) break;
        // A failure anywhere stops every worker, as -j 1 stops reading at the exception.
        stopped = stopped || failed_.load(std::memory_order_relaxed);
        if (got == Pop::Item) {
            if (!stopped) {
                try {
                    w.process_batch(*batch);
                } catch (const std::exception& e) {
                    if (!is_failure_echo(e)) fail(lane, e.what());
                    stopped = true;
                }
            }
            give_back(batch);
        }
        const int64_t now = coarse_monotonic_ms();
        if (stopped || now - last_tick < tick_ms_) continue;
        last_tick = now;
        try {
            w.tick(static_cast<uint64_t>(now), console_ticks_.load(std::memory_order_relaxed));
        } catch (const std::exception& e) {
            if (!is_failure_echo(e)) fail(lane, e.what());
            stopped = true;
        }
    }
    std::vector<std::string> errors;
    w.close_all(errors);
    for (const std::string& e : errors) fail(lane, e);
}

std::vector<std::string> Dispatcher::finish() {
    std::vector<std::string> out;
    if (finished_) return out;
    finished_ = true;
    flush();
    for (auto& lane : lanes_) lane->work.close();
    for (auto& lane : lanes_)
        if (lane->thread.joinable()) lane->thread.join();
    std::string taken;  // reported already, when the reader stopped on it
    {
        std::lock_guard<std::mutex> hold(failure_mu_);
        if (failure_taken_) taken = failure_;
    }
    bool skipped = false;
    for (auto& lane : lanes_)
        for (const std::string& e : lane->errors) {
            if (!skipped && !taken.empty() && e == taken) {
                skipped = true;
                continue;
            }
            out.push_back(e);
        }
    return out;
}

}  // namespace tcpflow
