#include "console/printable_text.h"

namespace tcpflow {

void append_printable(std::string& out, const uint8_t* data, size_t len) {
    const size_t start = out.size();
    out.resize(start + len);
    char* p = &out[start];
    for (size_t i = 0; i < len; ++i) {
        uint8_t c = data[i];
        bool keep = (c >= 0x20 && c <= 0x7e) || c == '\n' || c == '\r';
        p[i] = keep ? static_cast<char>(c) : '.';
    }
}

}  // namespace tcpflow
