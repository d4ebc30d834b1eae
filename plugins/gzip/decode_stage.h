// One step of a decoding chain: compressed bytes in, plain bytes out.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "content_coding.h"

namespace tcpflow {
namespace decode {

/// Receives decoded bytes; returns false to stop the stage (a cap was hit).
using Emit = std::function<bool(const uint8_t* data, size_t len)>;

class DecodeStage {
public:
    virtual ~DecodeStage() = default;
    /// Decodes what it can of `data`; false on a format error or when emit asked to stop.
    virtual bool feed(const uint8_t* data, size_t len, const Emit& emit) = 0;
    /// The input is complete; false if the compressed stream ended early.
    virtual bool finish(const Emit& emit) = 0;
    /// Why the last feed/finish failed ("" after a stop requested by emit).
    virtual std::string error() const = 0;
};

/// A stage for `c`, or nullptr when this build cannot decode it.
std::unique_ptr<DecodeStage> make_stage(Coding c);

/// gzip, zlib or raw deflate, told apart by the first bytes (servers mix them up).
std::unique_ptr<DecodeStage> make_zlib_stage();
/// Brotli; only built when configure found libbrotlidec.
std::unique_ptr<DecodeStage> make_brotli_stage();

}  // namespace decode
}  // namespace tcpflow
