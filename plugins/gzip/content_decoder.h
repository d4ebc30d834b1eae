// Streaming decoder for a Content-Encoding list (stacked codings are undone
// last-applied first), with the caps that stop a decompression bomb.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "content_coding.h"
#include "decode_stage.h"

namespace tcpflow {
namespace decode {

struct DecodeLimits {
    uint64_t max_bytes = 0;      ///< decoded bytes allowed (0 = no cap)
    double max_ratio = 0;        ///< decoded / encoded allowed (0 = no cap) ...
    uint64_t ratio_floor = 1u << 20;  ///< ... once more than this many bytes were decoded
};

/// Why decoding stopped early.
enum class DecodeStop { none, error, size_cap, ratio_cap, unsupported, output_closed };

class ContentDecoder {
public:
    /// `codings` in the order they were applied (as a Content-Encoding header lists them).
    ContentDecoder(const CodingList& codings, DecodeLimits limits);

    /// Decodes more input, passing output to `sink`. Returns false once decoding
    /// has stopped (then stop() and error() say why); later calls do nothing.
    bool feed(const uint8_t* data, size_t len, const Emit& sink);
    /// The input is complete: flushes and checks that every stream ended.
    bool finish(const Emit& sink);

    bool stopped() const { return stop_ != DecodeStop::none; }
    DecodeStop stop() const { return stop_; }
    /// One line for the report ("" while all is well).
    const std::string& error() const { return error_; }
    uint64_t bytes_in() const { return in_; }
    uint64_t bytes_out() const { return out_; }

private:
    bool run(size_t stage, const uint8_t* data, size_t len, const Emit& sink);
    bool finish_from(size_t stage, const Emit& sink);
    bool deliver(const uint8_t* data, size_t len, const Emit& sink);
    bool fail(DecodeStop why, std::string what);

    std::vector<std::unique_ptr<DecodeStage>> stages_;  // decoding order
    DecodeLimits limits_;
    DecodeStop stop_ = DecodeStop::none;
    std::string error_;
    uint64_t in_ = 0, out_ = 0;
};

const char* stop_name(DecodeStop s);

}  // namespace decode
}  // namespace tcpflow
