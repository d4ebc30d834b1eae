#include "pipeline/worker.h"
#include "output/failure_echo.h"
#include "console/console_sink.h"
#include "host/scanner_host.h"
#include "output/dfxml_report.h"
#include "output/flow_file_writer.h"
#include "output/flow_pcap_writer.h"
#include "pipeline/shared_sink.h"

namespace tcpflow {

Worker::Worker(unsigned index, const FlowConfig& cfg, uint32_t flush_interval_ms, WorkerSinks sinks)
    : index_(index), sinks_(std::move(sinks)), flush_interval_ms_(flush_interval_ms) {
    // The sink order of flow_sink.h: file writer, -K pcaps, console, scanners, report last.
    std::vector<FlowSink*> order;
    if (sinks_.files) order.push_back(sinks_.files.get());
    if (sinks_.pcaps) order.push_back(sinks_.pcaps.get());
    if (sinks_.console) order.push_back(sinks_.console.get());
    auto shared = [&](FlowSink& s, std::mutex* lock) -> FlowSink* {
        shared_.push_back(std::make_unique<SharedSink>(s, lock));
        return shared_.back().get();
    };
    const bool wrap = sinks_.run_end_by_recorder;
    if (sinks_.host) order.push_back(wrap || sinks_.host_lock ? shared(*sinks_.host, sinks_.host_lock) : static_cast<FlowSink*>(sinks_.host));
    if (sinks_.report) order.push_back(wrap ? shared(*sinks_.report, nullptr) : static_cast<FlowSink*>(sinks_.report));
    if (sinks_.json) order.push_back(sinks_.json.get());  // after the report: it reads the same annotations
    table_ = std::make_unique<FlowTable>(cfg, order);
}

// The table first: closing a flow still calls the sinks.
Worker::~Worker() { table_.reset(); }

void Worker::process(const TcpSegment& seg) {
    if (!table_->process(seg) && sinks_.pcaps) sinks_.pcaps->on_straggler(seg);
}

void Worker::packet_event(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen, uint32_t wirelen) {
    if (!sinks_.host) return;
    if (sinks_.host_lock) {
        std::lock_guard<std::mutex> hold(*sinks_.host_lock);
        sinks_.host->on_packet(dlt, ts, frame, caplen, wirelen);
    } else {
        sinks_.host->on_packet(dlt, ts, frame, caplen, wirelen);
    }
}

void Worker::process_batch(const SegmentBatch& batch) {
    table_->set_start_new_flows(batch.start_new_flows);
    for (size_t i = 0; i < batch.size(); ++i) {
        const SegmentBatch::Entry& e = batch.entry(i);
        // The packet event comes first, as on the reading thread of -j 1.
        if (e.packet_event) packet_event(e.dlt, e.ts, batch.frame(i), e.caplen, e.wirelen);
        if (e.has_segment) process(batch.segment(i));
    }
    publish_counts();
}

void Worker::publish_counts() {
    const uint64_t open = table_->live_flows();
    open_flows_.store(open, std::memory_order_relaxed);
    if (open > open_flows_peak_.load(std::memory_order_relaxed)) open_flows_peak_.store(open, std::memory_order_relaxed);
    flows_created_.store(table_->stats().flows_created, std::memory_order_relaxed);
    const uint64_t pending = table_->pending_total();
    if (pending > pending_peak_.load(std::memory_order_relaxed)) pending_peak_.store(pending, std::memory_order_relaxed);
}

void Worker::tick(uint64_t now_ms, bool console) {
    // Flow files first: a record must not name bytes that are not on disk yet.
    if (sinks_.files) sinks_.files->flush_aged(now_ms);
    // Derived files (HTTP bodies) write through small stdio buffers: emptying them every half
    // bound keeps their bytes within the bound too, at one write per busy object.
    if (sinks_.host && now_ms - objects_flushed_ms_ >= flush_interval_ms_ / 2) {
        if (sinks_.host_lock) {
            std::lock_guard<std::mutex> hold(*sinks_.host_lock);
            sinks_.host->flush_objects();
        } else {
            sinks_.host->flush_objects();
        }
        objects_flushed_ms_ = now_ms;
    }
    if (console && sinks_.console) sinks_.console->flush_waiting();
    // A shared report is flushed by every worker too: the reading thread may wait a long
    // time for a worker (the memory bound), and the report's bound must hold meanwhile.
    if (sinks_.report && sinks_.run_end_by_recorder) sinks_.report->flush_aged(now_ms);
}

void Worker::close_all(std::vector<std::string>& errors) {
    for (int attempt = 0; attempt < 4; ++attempt) {
        try {
            table_->close_all();
            return;
        } catch (const std::exception& e) {
            if (!is_failure_echo(e)) errors.push_back(e.what());
        }
    }
}

}  // namespace tcpflow
