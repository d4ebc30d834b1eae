#include "console/hex_dump.h"
#include <cstdio>

namespace tcpflow {

namespace {

constexpr size_t kBytesPerLine = 32;
constexpr char kHex[] = "0123456789abcdef";

bool is_printable(uint8_t c) { return c >= 0x20 && c <= 0x7e; }

}  // namespace

void append_hex_dump(std::string& out, const uint8_t* data, size_t len) {
    // 1.6.1 pads each line to the widest one so far in the chunk; the first line
    // is full whenever there is a second one, so later short lines line up.
    size_t widest = 0;
    for (size_t line = 0; line < len; line += kBytesPerLine) {
        const size_t n = len - line < kBytesPerLine ? len - line : kBytesPerLine;
        const size_t line_start = out.size();
        char offset[24];
        int w = snprintf(offset, sizeof offset, "%04zx: ", line);
        out.append(offset, static_cast<size_t>(w));
        for (size_t j = 0; j < n; ++j) {
            uint8_t c = data[line + j];
            out += kHex[c >> 4];
            out += kHex[c & 15];
            if (j % 2 == 1) out += ' ';
        }
        size_t width = out.size() - line_start;
        if (width > widest) widest = width;
        out.append(widest - width + 1, ' ');
        for (size_t j = 0; j < n; ++j) {
            uint8_t c = data[line + j];
            out += is_printable(c) ? static_cast<char>(c) : '.';
        }
        out += '\n';
    }
}

}  // namespace tcpflow
