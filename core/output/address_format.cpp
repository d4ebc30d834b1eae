// Address spelling for file names and for the report.
#include "output/flow_namer.h"
#include <arpa/inet.h>
#include <sys/socket.h>
#include "output/number_format.h"

namespace tcpflow {

namespace {

std::string ntop(uint8_t family, const uint8_t* addr) {
    char buf[INET6_ADDRSTRLEN];
    int af = family == 6 ? AF_INET6 : AF_INET;
    if (!inet_ntop(af, addr, buf, sizeof buf)) return "?";
    return buf;
}

}  // namespace

std::string format_flow_address(uint8_t family, const uint8_t* addr) {
    if (family == 6) return ntop(family, addr);
    // tcpflow pads every octet to three digits so names sort numerically.
    std::string out;
    out.reserve(15);
    for (int i = 0; i < 4; ++i) {
        if (i) out += '.';
        append_zero_padded(out, addr[i], 3);
    }
    return out;
}

std::string format_plain_address(uint8_t family, const uint8_t* addr) {
    if (family == 6) return ntop(family, addr);
    std::string out;  // inet_ntop's spelling, without its per-call overhead (report hot path)
    out.reserve(15);
    for (int i = 0; i < 4; ++i) {
        if (i) out += '.';
        append_decimal(out, addr[i]);
    }
    return out;
}

}  // namespace tcpflow
