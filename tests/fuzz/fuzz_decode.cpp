// libFuzzer target for the packet decoder and the defragmenter.
//
// Input: one byte choosing the link type, then records of
//   [length: 2 bytes big-endian][seconds since the previous record: 1 byte][frame]
// all decoded by one Decoder with small reassembly caps, so fragments from
// several records meet, collide, expire and get evicted. Each frame is copied
// into its own exact-size heap block: AddressSanitizer sees any read past caplen.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "decode/decoder.h"

namespace {

// New link types are appended: a seed's first byte is its index here.
const int kLinkTypes[] = {0,   1,   9,   12,  14,  50,  51,  101, 104, 108, 113, 228, 229, 274, 276,
                          6,   7,   10,  100, 105, 109, 117, 119, 127, 129, 163, 169, 192, 219, 226,
                          239, 240, 241, 242, 258, 197};

tcpflow::DefragConfig small_caps() {
    tcpflow::DefragConfig c;
    c.max_bytes = 1u << 17;
    c.max_datagrams = 8;
    c.timeout_sec = 5;
    return c;
}

// The decoder's promise: a segment's payload lies inside the frame or is a
// reassembled datagram (at most 64 KiB); never past caplen.
void check(const tcpflow::TcpSegment& s, const uint8_t* frame, uint32_t caplen) {
    if (s.payload_len > s.payload_wire_len) std::abort();
    const bool in_frame = s.payload >= frame && s.payload <= frame + caplen;
    if (in_frame && s.payload + s.payload_len > frame + caplen) std::abort();
    if (!in_frame && s.payload_len > 65535) std::abort();
    if (s.family != 4 && s.family != 6) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const int dlt = kLinkTypes[data[0] % (sizeof kLinkTypes / sizeof kLinkTypes[0])];
    tcpflow::Decoder decoder(small_caps());
    tcpflow::Timestamp ts;
    ts.sec = 1000;
    size_t pos = 1;
    while (pos + 3 <= size) {
        size_t len = size_t(data[pos]) << 8 | data[pos + 1];
        ts.sec += data[pos + 2];
        pos += 3;
        if (len > size - pos) len = size - pos;
        std::unique_ptr<uint8_t[]> frame(new uint8_t[len ? len : 1]);
        std::copy(data + pos, data + pos + len, frame.get());
        pos += len;
        tcpflow::TcpSegment seg;
        // Claim a longer wire length every other record, as a snaplen cut would.
        const uint32_t wirelen = uint32_t(len) + ((ts.sec & 1) ? 100 : 0);
        if (decoder.decode(dlt, ts, frame.get(), uint32_t(len), wirelen, seg) == tcpflow::DecodeStatus::Tcp)
            check(seg, frame.get(), uint32_t(len));
    }
    return 0;
}
