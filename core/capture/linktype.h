// libpcap speaks DLT_* values in its API (pcap_datalink, pcap_open_dead) but
// files and RawPacket carry LINKTYPE_* values; they differ for a few old
// types, notably raw IP (DLT_RAW is 12 or 14, LINKTYPE_RAW is 101).
#pragma once
#include <string>

namespace tcpflow {

int linktype_from_dlt(int dlt);
int dlt_from_linktype(int linktype);
/// "EN10MB (Ethernet)" style name of a LINKTYPE value, or "unknown".
std::string linktype_description(int linktype);

}  // namespace tcpflow
