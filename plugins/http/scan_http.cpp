// The http scanner: finds HTTP/1.x in both directions of every flow (any
// port, from the first bytes of the stream), parses it as it streams in, and
// writes each message body as "<flow file>-HTTPBODY-NNN[.ext]" like tcpflow
// 1.6.1: de-chunked and decoded, unless decoding is off.
//
// It decodes the bodies itself, with the gzip scanner's decoder library, so
// that the body file keeps tcpflow's name and holds the decoded bytes: the
// SDK gives a consumer of a derived object no way to replace that object's
// file, only to add a sibling (see plugins/gzip/scan_gzip.cpp).
//
// Decoding belongs to the gzip scanner, so it happens only while that scanner
// is enabled (SDK 1.1 scanner_enabled): "-e http -x gzip" writes the bodies
// as sent, under the same names, exactly like -Z (which also sets
// -S http_decompress=NO, the explicit switch). On a 1.0 host, which cannot
// say, http_decompress alone decides.
#include <tcpflow/sdk/scanner.hpp>

#include <memory>

#include "decode_report.h"
#include "http_flow.h"

namespace tcpflow {
namespace http {

namespace {

// The caps belong to the gzip scanner; when it is not loaded its defaults apply.
uint64_t uint_param_or(const sdk::Host& host, const char* name, const char* fallback) {
    uint64_t v = 0;
    return host.api()->get_param_uint(host.api()->host, name, &v) == TCPFLOW_OK ? v : std::stoull(fallback);
}
double double_param_or(const sdk::Host& host, const char* name, const char* fallback) {
    double v = 0;
    return host.api()->get_param_double(host.api()->host, name, &v) == TCPFLOW_OK ? v : std::stod(fallback);
}

HttpSettings settings_from(const sdk::Host& host) {
    using decode::LimitParams;
    HttpSettings s;
    s.body.decompress = host.param_bool("http_decompress") && host.scanner_enabled("gzip", true);
    s.body.max_body = host.param_uint("http_max_body_bytes");
    s.body.limits.max_bytes = uint_param_or(host, LimitParams::max_bytes, LimitParams::default_max_bytes);
    s.body.limits.max_ratio = double_param_or(host, LimitParams::max_ratio, LimitParams::default_max_ratio);
    s.request_bodies = host.param_bool("http_request_bodies");
    return s;
}

}  // namespace

class HttpScanner : public sdk::Scanner {
public:
    explicit HttpScanner(const sdk::Host& host) : Scanner(host), settings_(settings_from(host)) {}

    int flow_open(const tcpflow_flow& flow, void** state) override {
        *state = new HttpFlow(host(), flow, connections_, settings_);
        return TCPFLOW_OK;
    }
    int flow_data(const tcpflow_flow&, void* state, uint64_t offset, const uint8_t* data, size_t len) override {
        static_cast<HttpFlow*>(state)->parser().data(offset, data, len);
        return TCPFLOW_OK;
    }
    int flow_gap(const tcpflow_flow&, void* state, uint64_t offset, uint64_t len) override {
        static_cast<HttpFlow*>(state)->parser().gap(offset, len);
        return TCPFLOW_OK;
    }
    int flow_close(const tcpflow_flow&, void* state) override {
        std::unique_ptr<HttpFlow> f(static_cast<HttpFlow*>(state));
        f->close();
        return TCPFLOW_OK;
    }

private:
    HttpSettings settings_;
    ConnectionTable connections_;
};

constexpr tcpflow_param_desc kParams[] = {
    sdk::param_bool("http_decompress", "YES", "Decode gzip/deflate/br bodies while the gzip scanner is enabled (NO: write them as sent, like -Z)"),
    sdk::param_bool("http_request_bodies", "YES", "Also write request bodies (POST, PUT) of the request flow"),
    sdk::param_uint("http_max_body_bytes", "0", "Largest body file written; the rest is dropped (0 = no cap)", 0,
                    INT64_MAX),
};

const char* const kWorksWith[] = {"gzip", nullptr};

constexpr tcpflow_scanner_desc kDesc = sdk::describe_per_worker<HttpScanner>(
    "http", "2.0.0", "GPL-3.0-or-later", "Writes every HTTP/1.x message body, de-chunked and decoded",
    kParams, sizeof kParams / sizeof kParams[0],
    TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE, 0, kWorksWith);

}  // namespace http
}  // namespace tcpflow

TCPFLOW_SCANNER(tcpflow::http::kDesc)
