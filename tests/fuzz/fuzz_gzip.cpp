// libFuzzer target for the content decoder shared by the gzip and http scanners.
//
// Input: [coding selector: 1 byte][split: 1 byte][encoded body]. The body is
// decoded with a coding list chosen by the selector (gzip, deflate, br,
// stacked, unknown) under small caps, fed in pieces; the caps must hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "content_decoder.h"

namespace {

const char* const kCodings[] = {"gzip", "deflate", "br", "gzip, gzip", "deflate, br", "x-gzip, identity", "compress"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    using namespace tcpflow::decode;
    const char* coding = kCodings[data[0] % (sizeof kCodings / sizeof kCodings[0])];
    const size_t step = 1 + data[1] % 64;
    data += 2;
    size -= 2;
    DecodeLimits limits;
    limits.max_bytes = 1u << 20;
    limits.max_ratio = 50;
    limits.ratio_floor = 1u << 16;
    ContentDecoder decoder(parse_coding_list(coding), limits);
    uint64_t out = 0;
    const Emit sink = [&](const uint8_t*, size_t n) {
        out += n;
        return true;
    };
    for (size_t at = 0; at < size; at += step) decoder.feed(data + at, std::min(step, size - at), sink);
    decoder.finish(sink);
    if (out > limits.max_bytes || out != decoder.bytes_out()) std::abort();
    return 0;
}
