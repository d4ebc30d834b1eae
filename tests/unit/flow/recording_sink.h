// A FlowSink that records every event, for flow-table tests.
#pragma once
#include <string>
#include <vector>
#include "flow/flow_sink.h"

namespace tcpflow::test {

struct RecordedFlow {
    uint64_t flow_id;
    uint64_t session_id;
    std::string data;        // delivered bytes, gaps as '\0'
    bool closed = false;
    CloseReason reason = CloseReason::EndOfInput;
    uint16_t vlan = 0;
    uint64_t packets = 0;
};

class RecordingSink : public FlowSink {
public:
    std::vector<RecordedFlow> flows;
    bool ended = false;

    void on_open(FlowInfo& f) override {
        flows.push_back({f.flow_id, f.session_id, "", false, CloseReason::EndOfInput, f.key.vlan, 0});
    }
    void on_data(FlowInfo& f, uint64_t offset, const uint8_t* data, size_t len) override {
        std::string& s = at(f).data;
        if (s.size() < offset) s.resize(offset, '\0');
        s.replace(offset, len, reinterpret_cast<const char*>(data), len);
    }
    void on_gap(FlowInfo& f, uint64_t offset, uint64_t len) override {
        std::string& s = at(f).data;
        if (s.size() < offset + len) s.resize(offset + len, '\0');
    }
    void on_close(FlowInfo& f) override {
        RecordedFlow& r = at(f);
        r.closed = true;
        r.reason = f.close_reason;
        r.packets = f.packets;
    }
    void on_end_of_run() override { ended = true; }

private:
    RecordedFlow& at(const FlowInfo& f) {
        for (auto& r : flows)
            if (r.flow_id == f.flow_id) return r;
        throw std::logic_error("event for a flow that was never opened");
    }
};

}  // namespace tcpflow::test
