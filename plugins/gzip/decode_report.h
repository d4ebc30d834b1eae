// How a decoded object is described in the report, the same for the http
// scanner's bodies and the gzip scanner's objects.
#pragma once
#include <string>
#include <vector>

#include "content_decoder.h"

namespace tcpflow {
namespace decode {

/// Attributes (name, value, ...) of a <decode> element: the encoding, the
/// bytes in and out and, when decoding stopped early, why.
std::vector<std::string> decode_attributes(const std::string& encoding, const ContentDecoder& decoder);

/// The caps as the gzip scanner's parameters set them.
struct LimitParams {
    static constexpr const char* max_bytes = "gzip_max_bytes";
    static constexpr const char* max_ratio = "gzip_max_ratio";
    static constexpr const char* default_max_bytes = "268435456";
    static constexpr const char* default_max_ratio = "1000";
};

}  // namespace decode
}  // namespace tcpflow
