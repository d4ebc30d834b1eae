// Standard base64 (RFC 4648, '+' '/' and '=' padding), for -J payloads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tcpflow {

/// Append the base64 encoding of data[0..len) to out (no line breaks).
void append_base64(std::string& out, const uint8_t* data, size_t len);

}  // namespace tcpflow
