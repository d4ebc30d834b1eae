// The file name extension of an HTTP body, from its Content-Type.
#pragma once
#include <string>
#include <string_view>

namespace tcpflow {
namespace http {

/// "html" for "text/html; charset=utf-8"; "" for an unknown or empty type.
/// Parameters are dropped and the lookup ignores case, as in tcpflow 1.6.1.
std::string extension_for(std::string_view content_type);

}  // namespace http
}  // namespace tcpflow
