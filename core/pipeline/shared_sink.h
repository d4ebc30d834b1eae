// A sink that several -j workers share (the report, a scanner host whose
// scanners are not per-worker), seen by one worker's flow table. Flow events
// pass through, under `lock` when the sink is not thread-safe itself (nullptr:
// it locks on its own, as DfxmlReport does per record). on_end_of_run does not:
// the recorder ends a shared sink's run once, after every worker closed its flows.
#pragma once
#include <mutex>
#include "flow/flow_sink.h"

namespace tcpflow {

class SharedSink final : public FlowSink {
public:
    SharedSink(FlowSink& target, std::mutex* lock) : target_(target), lock_(lock) {}

    void on_open(FlowInfo& f) override { Hold h(lock_); target_.on_open(f); }
    void on_segment(FlowInfo& f, const TcpSegment& s) override { Hold h(lock_); target_.on_segment(f, s); }
    void on_data(FlowInfo& f, uint64_t offset, const uint8_t* data, size_t len) override {
        Hold h(lock_);
        target_.on_data(f, offset, data, len);
    }
    void on_gap(FlowInfo& f, uint64_t offset, uint64_t len) override { Hold h(lock_); target_.on_gap(f, offset, len); }
    void on_close(FlowInfo& f) override { Hold h(lock_); target_.on_close(f); }
    bool wants_data() const override { return target_.wants_data(); }
    // Spilling stays with the worker's own flow file writer: a shared sink never keeps bytes.

private:
    struct Hold {
        explicit Hold(std::mutex* m) : m_(m) { if (m_) m_->lock(); }
        ~Hold() { if (m_) m_->unlock(); }
        std::mutex* m_;
    };
    FlowSink& target_;
    std::mutex* lock_;
};

}  // namespace tcpflow
