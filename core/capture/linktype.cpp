#include "capture/linktype.h"

#include <pcap/pcap.h>

namespace tcpflow {
namespace {

// The LINKTYPE numbers that are not equal to their DLT (see pcap-linktype(7)).
constexpr int kLinktypeAtmRfc1483 = 100;
constexpr int kLinktypeRaw = 101;
constexpr int kLinktypeSlipBsdos = 102;
constexpr int kLinktypePppBsdos = 103;
constexpr int kLinktypeAtmClip = 106;
constexpr int kLinktypeLoop = 108;

}  // namespace

int linktype_from_dlt(int dlt) {
    switch (dlt) {
        case DLT_ATM_RFC1483: return kLinktypeAtmRfc1483;
        case DLT_RAW: return kLinktypeRaw;
        case DLT_SLIP_BSDOS: return kLinktypeSlipBsdos;
        case DLT_PPP_BSDOS: return kLinktypePppBsdos;
#ifdef DLT_ATM_CLIP
        case DLT_ATM_CLIP: return kLinktypeAtmClip;
#endif
        case DLT_LOOP: return kLinktypeLoop;
        default: return dlt;
    }
}

int dlt_from_linktype(int linktype) {
    switch (linktype) {
        case kLinktypeAtmRfc1483: return DLT_ATM_RFC1483;
        case kLinktypeRaw: return DLT_RAW;
        case kLinktypeSlipBsdos: return DLT_SLIP_BSDOS;
        case kLinktypePppBsdos: return DLT_PPP_BSDOS;
#ifdef DLT_ATM_CLIP
        case kLinktypeAtmClip: return DLT_ATM_CLIP;
#endif
        case kLinktypeLoop: return DLT_LOOP;
        default: return linktype;
    }
}

std::string linktype_description(int linktype) {
    int dlt = dlt_from_linktype(linktype);
    const char* name = pcap_datalink_val_to_name(dlt);
    const char* desc = pcap_datalink_val_to_description(dlt);
    if (!name) return "unknown";
    return desc ? std::string(name) + ", " + desc : std::string(name);
}

}  // namespace tcpflow
