#include "link_types.h"

namespace tcpflow {
namespace netviz {

std::string link_type_name(int dlt) {
    switch (dlt) {
        case 0: return "BSD loopback (NULL)";
        case 1: return "Ethernet";
        case 9: return "PPP";
        case 12: case 14: case 101: return "raw IP";
        case 50: return "PPP serial";
        case 104: return "Cisco HDLC";
        case 108: return "OpenBSD loopback";
        case 113: return "Linux cooked (SLL)";
        case 228: return "raw IPv4";
        case 229: return "raw IPv6";
        case 276: return "Linux cooked v2 (SLL2)";
        default: return "link type " + std::to_string(dlt);
    }
}

std::string LinkTypeSet::describe() const {
    std::string out;
    for (int d : seen_) out += (out.empty() ? "" : ", ") + link_type_name(d);
    return out;
}

}  // namespace netviz
}  // namespace tcpflow
