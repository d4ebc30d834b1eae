// The console's default text form (-c/-C without -B, or with -s): bytes outside
// 0x20..0x7e become '.', except '\n' and '\r', which are kept so text protocols
// still read as lines. The test is on byte values, not the locale, so the output
// does not change with LANG.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tcpflow {

/// Append data[0..len) to out with non-printables replaced by '.'.
void append_printable(std::string& out, const uint8_t* data, size_t len);

}  // namespace tcpflow
