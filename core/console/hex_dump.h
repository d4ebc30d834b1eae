// tcpflow 1.6.1's -D hex dump of one chunk. Per 32 bytes, one line:
//
//   "%04x: " offset within the chunk, then the bytes as hex, a space after each
//   pair of bytes ("504f 5354 ..."), then spaces up to the widest line printed so
//   far in this chunk, one more space, the ASCII column ('.' for bytes outside
//   0x20..0x7e), and '\n'.
//
// So a full line is "0000: " + 16 x "hhhh " + " " + 32 characters, and a chunk
// of one short line is not padded ("0000: 4854 0d0a 0a HT...").
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tcpflow {

/// Append the dump lines of data[0..len) to out (nothing for len == 0).
void append_hex_dump(std::string& out, const uint8_t* data, size_t len);

}  // namespace tcpflow
