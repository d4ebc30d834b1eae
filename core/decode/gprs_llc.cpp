// GPRS LLC (linktype 169, 3GPP TS 44.064) with SNDCP (TS 44.065) on top: what
// the Gb interface between a base station and the SGSN carries. User data rides
// in unacknowledged (UI) frames on SAPIs 3, 5, 9 and 11; an SN-UNITDATA header
// then precedes the IP datagram. Compressed headers or data, segmented
// datagrams and acknowledged-mode frames are counted, not decoded.
#include "decode/layers.h"

namespace tcpflow {
namespace decode {

namespace {
constexpr uint32_t kFcs = 3;  // the frame check sequence after the information field

bool user_data_sapi(uint8_t sapi) { return sapi == 3 || sapi == 5 || sapi == 9 || sapi == 11; }

// SNDCP SN-UNITDATA: first octet X F T M NSAPI; with F (first segment) the
// compression octet (DCOMP, PCOMP) and two octets of segment/N-PDU number.
DecodeStatus sndcp_unitdata(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 1) return DecodeStatus::Truncated;
    const uint8_t first = p[0];
    if (!(first & 0x20)) return DecodeStatus::NotIp;       // T = 0: not SN-UNITDATA
    if (!(first & 0x40)) return DecodeStatus::Truncated;   // a later segment of a split datagram
    if (first & 0x10) return DecodeStatus::Truncated;      // M: more segments follow; not reassembled
    if (len < 4) return DecodeStatus::Truncated;
    if (p[1] != 0) return DecodeStatus::NotIp;             // compressed: not readable as IP
    return ip_any(w, p + 4, len - 4);
}
}  // namespace

DecodeStatus gprs_llc(Walk& w, const uint8_t* p, uint32_t len) {
    if (len < 2) return DecodeStatus::Truncated;
    if (p[0] & 0x80) return DecodeStatus::Malformed;  // PD bit: not an LLC frame
    if (!user_data_sapi(p[0] & 0x0f)) return DecodeStatus::NotIp;  // GMM, SMS, ...
    if ((p[1] & 0xe0) != 0xc0) return DecodeStatus::NotIp;  // I, S and U frames: not UI
    if (len < 3) return DecodeStatus::Truncated;
    if (!w.snapped && len >= 3 + kFcs) len -= kFcs;
    return sndcp_unitdata(w, p + 3, len - 3);
}

}  // namespace decode
}  // namespace tcpflow
