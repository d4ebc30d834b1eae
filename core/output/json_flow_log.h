// The JSON flow log (--json FILE, -S json=FILE, YAML core: json): JSON Lines, one object
// per connection, both directions in it, written when both directions have closed; then one
// summary object at the end. Schema and field meanings: doc/flow-log.schema.json and
// doc/flow-log.md.
//
// A FlowSink registered after the report: it reads the same FlowInfo the report reads,
// including what scanners added through the host (FlowInfo::xml_attributes and
// xml_annotations), mapped generically (output/xml_fragment_tree.h): no scanner is known
// here. State is per instance (the directions of connections still open), so a pipeline
// with several workers gives each worker its own JsonFlowLog over one shared JsonLineFile.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include "flow/flow_sink.h"

namespace tcpflow {

class JsonLineFile;
struct RunSummary;

class JsonFlowLog : public FlowSink {
public:
    explicit JsonFlowLog(std::shared_ptr<JsonLineFile> out);

    void on_open(FlowInfo& flow) override;
    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override {}
    bool wants_data() const override { return false; }
    void on_close(FlowInfo& flow) override;
    /// Connections some of whose directions never closed (cannot happen after close_all) are written now.
    void on_end_of_run() override;

private:
    struct Connection {
        uint64_t id = 0;
        unsigned open = 0;                   // directions opened and not yet closed
        std::vector<std::string> directions; // JSON objects, in the order they closed
        std::vector<uint64_t> flow_ids;      // their creation order, to list them as created
    };
    void emit(Connection& c);

    std::shared_ptr<JsonLineFile> out_;
    std::unordered_map<uint64_t, Connection> open_;  // by session_id
};

/// One direction's JSON object (addresses, times, counts, file, close reason, scanners' annotations).
std::string json_direction(const FlowInfo& flow);
/// The last line: {"type":"summary",...} with the report's run totals; `connections`: lines written before it.
std::string json_summary_line(const RunSummary& s, uint64_t connections);

}  // namespace tcpflow
