// Content-Encoding (and Transfer-Encoding) coding names: which ones exist,
// their aliases, and the list a header value describes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tcpflow {
namespace decode {

enum class Coding { gzip, deflate, br, unknown };

/// The codings of a header value in the order they were applied, identity
/// left out ("gzip, identity, x-gzip" -> gzip, gzip).
struct CodingList {
    std::vector<Coding> codings;
    std::vector<std::string> names;  // as written (lower-cased), parallel to codings
    bool empty() const { return codings.empty(); }
    /// The first coding this build cannot decode, or "" when all can.
    std::string first_unsupported() const;
};

CodingList parse_coding_list(std::string_view header_value);

/// Canonical name of a known coding ("gzip" for x-gzip).
const char* coding_name(Coding c);

/// Whether this build decodes `c` (br only with libbrotlidec).
bool coding_supported(Coding c);

}  // namespace decode
}  // namespace tcpflow
