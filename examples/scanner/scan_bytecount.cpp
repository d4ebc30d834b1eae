// An out-of-tree tcpflow scanner: counts the bytes and gaps of every flow and
// adds them to the flow's <tcpflow> element in report.xml, e.g.
//   <tcpflow ... bytecount_bytes='757' bytecount_gap_bytes='0' />
// Build and install it with the Makefile beside this file.
#include <tcpflow/sdk/scanner.hpp>

#include <memory>
#include <string>

namespace {

struct Counts {
    uint64_t bytes = 0;
    uint64_t gap_bytes = 0;
};

class ByteCount : public tcpflow::sdk::Scanner {
public:
    explicit ByteCount(const tcpflow::sdk::Host& host)
        : Scanner(host), min_bytes_(host.param_uint("bytecount_min")) {}

    int flow_open(const tcpflow_flow&, void** state) override {
        *state = new Counts;
        return TCPFLOW_OK;
    }
    int flow_data(const tcpflow_flow&, void* state, uint64_t, const uint8_t*, size_t len) override {
        static_cast<Counts*>(state)->bytes += len;
        return TCPFLOW_OK;
    }
    int flow_gap(const tcpflow_flow&, void* state, uint64_t, uint64_t len) override {
        static_cast<Counts*>(state)->gap_bytes += len;
        return TCPFLOW_OK;
    }
    int flow_close(const tcpflow_flow& flow, void* state) override {
        std::unique_ptr<Counts> c(static_cast<Counts*>(state));
        if (c->bytes < min_bytes_) return TCPFLOW_OK;
        host().add_attribute(flow, "bytecount_bytes", std::to_string(c->bytes));
        host().add_attribute(flow, "bytecount_gap_bytes", std::to_string(c->gap_bytes));
        return TCPFLOW_OK;
    }

private:
    uint64_t min_bytes_;
};

constexpr tcpflow_param_desc kParams[] = {
    tcpflow::sdk::param_uint("bytecount_min", "0", "Only annotate flows with at least this many bytes", 0,
                             INT64_MAX),
};

// Every count lives in its flow's state and the parameter is read once per
// instance: safe as one instance per -j worker, with nothing to merge.
constexpr tcpflow_scanner_desc kDesc = tcpflow::sdk::describe_per_worker<ByteCount>(
    "bytecount", "1.0.0", "MIT", "Counts the bytes and gap bytes of every flow", kParams, 1,
    TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE);

}  // namespace

TCPFLOW_SCANNER(kDesc)
