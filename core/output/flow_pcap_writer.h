// -K: every packet of a flow direction copied to <flowfile>.pcap, with the link
// type of the capture it came from (1.6.1 wrote linktype 6 for Ethernet).
// Writers are created at a flow's first packet with tcpflow's exclusive-name
// counter; at most max_open stay open, the least recently written is closed and
// reopened for appending when its flow sends more.
#pragma once
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include "flow/flow_sink.h"
#include "output/flow_namer.h"

namespace tcpflow {

class FlowPcapWriter : public FlowSink {
public:
    FlowPcapWriter(const std::string& outdir, const FlowNamer& namer, uint32_t max_open);
    ~FlowPcapWriter() override;
    FlowPcapWriter(const FlowPcapWriter&) = delete;
    FlowPcapWriter& operator=(const FlowPcapWriter&) = delete;

    void on_segment(FlowInfo& flow, const TcpSegment& seg) override;
    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override {}
    void on_close(FlowInfo& flow) override;
    void on_end_of_run() override;

    uint64_t files_created() const { return files_created_; }
    uint64_t reopenings() const { return reopenings_; }

private:
    struct State;
    State& state_of(FlowInfo& flow, const TcpSegment& seg);
    void ensure_open(State& s);
    void close_writer(State& s);

    std::string outdir_;
    FlowNamer namer_;
    uint32_t max_open_;
    std::list<State*> open_;  // least recently written first
    uint64_t files_created_ = 0, reopenings_ = 0;
};

}  // namespace tcpflow
