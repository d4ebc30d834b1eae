// Cheap integer formatting for the hot paths (flow names, report.xml): no
// locale, no iostream state, no allocation beyond the destination's growth.
#pragma once
#include <cstdint>
#include <string>

namespace tcpflow {

/// Writes the decimal digits of v ending just before `end`; returns the first digit.
inline char* format_decimal_backwards(uint64_t v, char* end) {
    do {
        *--end = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

inline void append_decimal(std::string& out, uint64_t v) {
    char buf[20];
    char* first = format_decimal_backwards(v, buf + sizeof buf);
    out.append(first, buf + sizeof buf - first);
}

inline void append_signed_decimal(std::string& out, int64_t v) {
    if (v < 0) {
        out += '-';
        append_decimal(out, 0 - static_cast<uint64_t>(v));
    } else {
        append_decimal(out, static_cast<uint64_t>(v));
    }
}

/// printf("%0*llu", width, v): zero padded to at least `width` digits.
inline void append_zero_padded(std::string& out, uint64_t v, unsigned width) {
    char buf[20];
    char* first = format_decimal_backwards(v, buf + sizeof buf);
    size_t digits = static_cast<size_t>(buf + sizeof buf - first);
    if (digits < width) out.append(width - digits, '0');
    out.append(first, digits);
}

/// Two lowercase hex digits per byte, joined by ':' (MAC addresses).
inline void append_mac(std::string& out, const uint8_t* mac) {
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 6; ++i) {
        if (i) out += ':';
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 15];
    }
}

}  // namespace tcpflow
