// The gzip scanner: decodes derived objects that another scanner wrote with a
// Content-Encoding (gzip, x-gzip, deflate in zlib or raw form, br, stacked)
// into a sibling object "<object path>.decoded", streaming, under the size and
// ratio caps that stop a decompression bomb.
//
// The http scanner decodes its own bodies (with this same decoder) so that the
// body file keeps tcpflow's name and holds the decoded bytes; its objects
// therefore reach this scanner with no encoding, unless -S http_decompress=NO.
// It does so only while this scanner is enabled (it asks the host with the
// SDK 1.1 scanner_enabled service): "-x gzip" turns all decoding off.
#include <tcpflow/sdk/scanner.hpp>

#include <cmath>
#include <stdexcept>

#include <memory>

#include "decode_report.h"

namespace tcpflow {
namespace gzip {

namespace {

struct ObjectDecode {
    ObjectDecode(const decode::CodingList& codings, const decode::DecodeLimits& limits, const tcpflow_object* out)
        : decoder(codings, limits), output(out) {}
    decode::ContentDecoder decoder;
    const tcpflow_object* output;
};

decode::DecodeLimits limits_from(const sdk::Host& host) {
    decode::DecodeLimits l;
    l.max_bytes = host.param_uint(decode::LimitParams::max_bytes);
    l.max_ratio = host.param_double(decode::LimitParams::max_ratio);
    // A negative or non-finite ratio would silently mean "no cap": refuse it at
    // init, which tcpflow turns into a command-line error before it records.
    if (!(l.max_ratio >= 0) || !std::isfinite(l.max_ratio))
        throw std::invalid_argument(std::string(decode::LimitParams::max_ratio) +
                                    " must be 0 (no cap) or a positive number");
    return l;
}

}  // namespace

class GzipScanner : public sdk::Scanner {
public:
    explicit GzipScanner(const sdk::Host& host) : Scanner(host), limits_(limits_from(host)) {}

    int object_open(const tcpflow_object& object, void** state) override {
        const decode::CodingList codings = decode::parse_coding_list(object.content_encoding);
        if (codings.empty()) return TCPFLOW_OK;
        const std::string unsupported = codings.first_unsupported();
        if (!unsupported.empty()) {
            host().add_xml_child(object, "decode",
                                 {"encoding", object.content_encoding, "error", "unsupported encoding " + unsupported});
            return TCPFLOW_OK;
        }
        const tcpflow_object* out =
            host().object_create(*object.flow, &object, ".decoded", object.content_type, "", 0);
        if (!out) return TCPFLOW_OK;  // logged by the host; the encoded object is still there
        *state = new ObjectDecode(codings, limits_, out);
        return TCPFLOW_OK;
    }

    int object_data(const tcpflow_object&, void* state, uint64_t, const uint8_t* data, size_t len) override {
        if (!state) return TCPFLOW_OK;
        auto& d = *static_cast<ObjectDecode*>(state);
        d.decoder.feed(data, len, writer(d));
        return TCPFLOW_OK;
    }

    int object_close(const tcpflow_object& object, void* state) override {
        std::unique_ptr<ObjectDecode> d(static_cast<ObjectDecode*>(state));
        if (!d) return TCPFLOW_OK;
        d->decoder.finish(writer(*d));
        host().add_xml_child(*d->output, "decode", decode::decode_attributes(object.content_encoding, d->decoder));
        host().object_finish(d->output);
        return TCPFLOW_OK;
    }

private:
    decode::Emit writer(ObjectDecode& d) const {
        return [this, &d](const uint8_t* p, size_t n) { return host().object_write(d.output, p, n) == TCPFLOW_OK; };
    }

    decode::DecodeLimits limits_;
};

constexpr tcpflow_param_desc kParams[] = {
    sdk::param_uint(decode::LimitParams::max_bytes, decode::LimitParams::default_max_bytes,
                    "Largest decoded size of one body or object; decoding stops there (0 = no cap)", 0, INT64_MAX),
    sdk::param_double(decode::LimitParams::max_ratio, decode::LimitParams::default_max_ratio,
                      "Largest decoded/encoded ratio past the first MiB; decoding stops there (0 = no cap)"),
};

constexpr tcpflow_scanner_desc kDesc = sdk::describe_per_worker<GzipScanner>(
    "gzip", "2.0.0", "GPL-3.0-or-later",
    "Decodes gzip/deflate/br Content-Encoding of derived objects (HTTP bodies), with bomb caps", kParams,
    sizeof kParams / sizeof kParams[0], TCPFLOW_EVENT_OBJECT);

}  // namespace gzip
}  // namespace tcpflow

TCPFLOW_SCANNER(tcpflow::gzip::kDesc)
