#include "pipeline/dispatcher.h"
#include "output/failure_echo.h"
#include <algorithm>
#include "flow/flow_bucket.h"
#include "host/scanner_fault_guard.h"
#include "util/monotonic_ms.h"

namespace tcpflow {

size_t Dispatcher::batches_per_worker(size_t workers) {
    const size_t full_size = kBatchMemory / (std::max<size_t>(workers, 1) * SegmentBatch::kMaxBytes);
    return std::max(full_size, kMinBatchesPerWorker);
}

size_t Dispatcher::batch_bytes(size_t workers) {
    const size_t share = kBatchMemory / (std::max<size_t>(workers, 1) * batches_per_worker(workers));
    return std::min<size_t>(SegmentBatch::kMaxBytes, std::max<size_t>(share, 32u << 10));
}

Dispatcher::Dispatcher(std::vector<Worker*> workers, bool copy_frames, int64_t tick_ms)
    : copy_frames_(copy_frames), tick_ms_(tick_ms) {
    const size_t bytes = batch_bytes(workers.size());
    const size_t batches = batches_per_worker(workers.size());
    for (Worker* w : workers) {
        auto lane = std::make_unique<Lane>(batches);
        lane->worker = w;
        lane->current = std::make_unique<SegmentBatch>(bytes);
        for (size_t i = 1; i < batches; ++i) {
            auto b = std::make_unique<SegmentBatch>(bytes);
            lane->free.push(b);
        }
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
    lane.current->add_segment(seg, copy_frames_, packet_event);
    if (lane.current->full()) hand_over(lane);
}

void Dispatcher::dispatch_packet(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen,
                                 uint32_t wirelen) {
    Lane& lane = *lanes_[0];
    lane.current->add_packet(dlt, ts, frame, caplen, wirelen);
    if (lane.current->full()) hand_over(lane);
}

void Dispatcher::hand_over(Lane& lane) {
    if (lane.current->empty()) return;
    lane.current->start_new_flows = start_new_flows_;
    if (!lane.work.push(lane.current)) return;  // closed: finish() is under way
    // Waits while the worker still holds every other batch: the memory bound.
    if (lane.free.pop(lane.current, std::chrono::hours(24 * 365)) != BoundedQueue<std::unique_ptr<SegmentBatch>>::Pop::Item)
        lane.current = std::make_unique<SegmentBatch>(batch_bytes(lanes_.size()));
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
        const Pop got = lane.work.pop(batch, std::chrono::milliseconds(tick_ms_));
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
            batch->clear();
            lane.free.push(batch);
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
