// The md5 scanner: a digest of every flow file (and, with md5_objects, of every
// derived object such as an HTTP body), computed from the in-order stream as it
// is delivered (tcpflow 1.6 re-read each file after it closed). Gaps hash as
// zeros and bytes past -b are left out, exactly as the file holds them, so the
// digest equals md5sum of the file.
// A flow whose file is truncated (a write failed, SDK 1.2 file_truncated) gets
// no digest: the stream's would not be the file's.
#include <tcpflow/sdk/scanner.hpp>

#include <sys/stat.h>

#include <memory>

#include "digest_set.h"

namespace tcpflow {
namespace md5 {

/// The bytes of one flow file (or object) as they are delivered, fed to a
/// DigestSet. A hole counts as zeros only once the file is known to cover it:
/// when stored bytes follow it, or the file's final length reaches past it
/// (a trailing gap, or one followed only by bytes beyond -b, may leave the
/// file shorter).
class StreamDigest {
public:
    StreamDigest(const std::vector<std::string>& algorithms, uint64_t cap)
        : digests_(algorithms), cap_(cap ? cap : UINT64_MAX) {}

    void data(uint64_t offset, const uint8_t* bytes, size_t len) {
        const uint64_t begin = offset > hashed_ ? offset : hashed_;  // overlap: the file keeps what it has
        const uint64_t end = offset + len < cap_ ? offset + len : cap_;
        if (begin >= end) return;
        zeros_to(begin);
        digests_.update(bytes + (begin - offset), static_cast<size_t>(end - begin));
        hashed_ = end;
    }
    std::vector<std::pair<std::string, std::string>> finish(uint64_t file_size) {
        zeros_to(file_size < cap_ ? file_size : cap_);
        return digests_.finish();
    }

private:
    void zeros_to(uint64_t offset) {
        if (offset <= hashed_) return;
        digests_.update_zeros(offset - hashed_);
        hashed_ = offset;
    }

    DigestSet digests_;
    uint64_t cap_;         // offsets at or past it are not in the file (-b)
    uint64_t hashed_ = 0;  // every offset below it is in the digest
};

class Md5Scanner : public sdk::Scanner {
public:
    explicit Md5Scanner(const sdk::Host& host)
        : Scanner(host),
          algorithms_(parse_algorithms(host.param("md5_algorithms"))),
          objects_(host.param_bool("md5_objects")) {}

    int flow_open(const tcpflow_flow&, void** state) override {
        *state = new StreamDigest(algorithms_, host().max_bytes());
        return TCPFLOW_OK;
    }
    int flow_data(const tcpflow_flow&, void* state, uint64_t offset, const uint8_t* data, size_t len) override {
        static_cast<StreamDigest*>(state)->data(offset, data, len);
        return TCPFLOW_OK;
    }
    int flow_gap(const tcpflow_flow&, void*, uint64_t, uint64_t) override {
        return TCPFLOW_OK;  // zeros are hashed when later data or the file's length shows them
    }
    int flow_close(const tcpflow_flow& flow, void* state) override {
        std::unique_ptr<StreamDigest> d(static_cast<StreamDigest*>(state));
        struct stat st;
        if (!flow.path || !*flow.path || ::stat(flow.path, &st) != 0) return TCPFLOW_OK;  // nothing stored
        // A write failed: the file holds less than the stream, and no digest of
        // it can be computed from the stream. No digest rather than a wrong one;
        // the report's own record says the file is truncated.
        if (sdk::file_truncated(flow)) return TCPFLOW_OK;
        for (const auto& [type, hex] : d->finish(static_cast<uint64_t>(st.st_size)))
            host().add_xml_child(flow, "hashdigest", {"type", type}, hex);
        return TCPFLOW_OK;
    }
    // Objects are digested only when asked (md5_objects): tcpflow 1.6 digests flow files
    // only, and hashing every HTTP body again costs as much as hashing the flows.
    int object_open(const tcpflow_object&, void** state) override {
        *state = objects_ ? new StreamDigest(algorithms_, 0) : nullptr;
        return TCPFLOW_OK;
    }
    int object_data(const tcpflow_object&, void* state, uint64_t offset, const uint8_t* data, size_t len) override {
        if (state) static_cast<StreamDigest*>(state)->data(offset, data, len);
        return TCPFLOW_OK;
    }
    int object_close(const tcpflow_object& object, void* state) override {
        std::unique_ptr<StreamDigest> d(static_cast<StreamDigest*>(state));
        if (!d) return TCPFLOW_OK;
        for (const auto& [type, hex] : d->finish(0)) host().add_xml_child(object, "hashdigest", {"type", type}, hex);
        return TCPFLOW_OK;
    }

private:
    std::vector<std::string> algorithms_;
    bool objects_;
};

constexpr tcpflow_param_desc kParams[] = {
    sdk::param_string("md5_algorithms", "md5",
                      "Digests of every flow file (and derived object), comma-separated (md5, sha1, sha256, ...)"),
    sdk::param_bool("md5_objects", "NO",
                    "Also digest every derived object (HTTP bodies, decompressed or not); tcpflow 1.6 digests flow files only"),
};

/// An unknown digest name is refused before any output exists (SDK 1.3), not in init.
int32_t validate_param(const char* name, const char* value, char* why, size_t why_size) {
    return sdk::check_param(why, why_size, [&] {
        if (std::string(name) == "md5_algorithms") parse_algorithms(value);
    });
}

constexpr tcpflow_scanner_desc kDesc = sdk::with_validator(sdk::describe_per_worker<Md5Scanner>(
    "md5", "2.0.0", "GPL-3.0-or-later", "MD5 (and optionally other digests) of every flow file, and with md5_objects of derived objects",
    kParams, sizeof kParams / sizeof kParams[0],
    TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE | TCPFLOW_EVENT_OBJECT),
    &validate_param);

}  // namespace md5
}  // namespace tcpflow

TCPFLOW_SCANNER(tcpflow::md5::kDesc)
