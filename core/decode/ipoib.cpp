// IP over InfiniBand (linktype 242): what Linux captures on an ib interface is
// a 40-byte pseudo header (source and destination hardware addresses: QPN and
// GID) followed by RFC 4391's 4-byte encapsulation header (ethertype, reserved).
#include "decode/layers.h"
#include "decode/wire.h"

namespace tcpflow {
namespace decode {

DecodeStatus ipoib(Walk& w, const uint8_t* p, uint32_t len) {
    constexpr uint32_t kHeader = 44;
    if (len < kHeader) return DecodeStatus::Truncated;
    return ethertype(w, net::be16(p + 40), p + kHeader, len - kHeader);
}

}  // namespace decode
}  // namespace tcpflow
