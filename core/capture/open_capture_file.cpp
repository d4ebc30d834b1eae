// Picks the reader from the first four bytes, after zlib has undone any gzip.
#include <memory>

#include "capture/byte_order.h"
#include "capture/byte_reader.h"
#include "capture/packet_source.h"
#include "capture/pcap_file_reader.h"
#include "capture/pcapng_reader.h"

namespace tcpflow {

std::unique_ptr<PacketSource> open_capture_file(const std::string& path) {
    auto in = std::make_unique<ByteReader>(path);
    if (!in->fill(4)) {
        if (in->available() == 0) throw CaptureError(in->name() + ": the file is empty");
        throw CaptureError(in->name() + ": not a pcap or pcapng capture");
    }
    uint32_t magic = load32(in->data(), false);
    if (magic == 0x0a0d0d0a) return std::make_unique<PcapngReader>(std::move(in));
    switch (magic) {
        case 0xa1b2c3d4: case 0xd4c3b2a1:  // microseconds
        case 0xa1b23c4d: case 0x4d3cb2a1:  // nanoseconds
        case 0xa1b2cd34: case 0x34cdb2a1:  // "modified" pcap
            return std::make_unique<PcapFileReader>(std::move(in));
        default:
            throw CaptureError(in->name() + ": not a pcap or pcapng capture");
    }
}

}  // namespace tcpflow
