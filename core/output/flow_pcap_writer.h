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
#include <unordered_map>
#include "flow/flow_sink.h"
#include "output/flow_namer.h"
#include "output/output_dir.h"

namespace tcpflow {

class FlowPcapWriter : public FlowSink {
public:
    FlowPcapWriter(std::shared_ptr<const OutputDir> dir, const FlowNamer& namer, uint32_t max_open);
    ~FlowPcapWriter() override;
    FlowPcapWriter(const FlowPcapWriter&) = delete;
    FlowPcapWriter& operator=(const FlowPcapWriter&) = delete;

    void on_open(FlowInfo& flow) override;
    void on_segment(FlowInfo& flow, const TcpSegment& seg) override;
    /// A segment the flow table attributed to no flow (the final ACK, a
    /// retransmitted FIN after the flow closed): it still belongs in the pcap of
    /// the direction that last used its 4-tuple, as tcpflow 1.6.1 keeps it.
    void on_straggler(const TcpSegment& seg);
    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override {}
    bool wants_data() const override { return false; }
    void on_close(FlowInfo& flow) override;
    void on_end_of_run() override;

    uint64_t files_created() const { return files_created_; }
    uint64_t reopenings() const { return reopenings_; }

private:
    struct State;
    State& state_of(FlowInfo& flow, const TcpSegment& seg);
    void ensure_open(State& s);
    void close_writer(State& s);
    void write(State& s, const TcpSegment& seg);
    void forget_closed(const FlowKey& key);

    std::shared_ptr<const OutputDir> dir_;
    FlowNamer namer_;
    uint32_t max_open_;
    std::list<State*> open_;  // least recently written first
    // Closed directions whose pcap may still get stragglers, bounded (oldest dropped).
    std::unordered_map<FlowKey, std::unique_ptr<State>, FlowKeyHash> closed_;
    std::list<FlowKey> closed_order_;
    uint64_t files_created_ = 0, reopenings_ = 0;
};

}  // namespace tcpflow
