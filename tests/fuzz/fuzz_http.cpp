// libFuzzer target for the http scanner's streaming parser.
//
// Input: [split seed: 1 byte][gap seed: 1 byte][stream]. The stream is fed in
// pieces whose sizes come from the split seed, and when the gap seed is odd
// one piece is turned into a gap, so the state machine meets every boundary
// and its gap handling. Invariants checked: body bytes are reported in
// stream order and inside the stream, never twice, and every message that
// was started is ended or the parser stopped.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "message_parser.h"

namespace {

using namespace tcpflow::http;

class CheckingEvents : public ParserEvents {
public:
    explicit CheckingEvents(uint64_t size) : size_(size) {}
    std::string pair_response(const StartLine&) override { return (++pairs_ % 3) ? "GET" : "HEAD"; }
    bool tunnel_open() override { return pairs_ % 2; }
    void on_head(const MessageHead& h) override {
        if (open_ || h.offset >= size_) std::abort();
        open_ = true;
    }
    void on_body(const MessageHead&, uint64_t offset, const uint8_t*, size_t len) override { advance(offset, len); }
    void on_body_gap(const MessageHead&, uint64_t offset, uint64_t len) override { advance(offset, len); }
    void on_message_end(const MessageHead&, MessageEnd, const std::string&) override {
        if (!open_) std::abort();
        open_ = false;
    }
    void on_stop(StopReason, const std::string&, uint64_t) override { open_ = false; }
    void on_lost_sync(const std::string&, uint64_t) override { open_ = false; }

private:
    void advance(uint64_t offset, uint64_t len) {
        if (!open_ || offset < body_end_ || offset + len > size_) std::abort();
        body_end_ = offset + len;
    }
    uint64_t size_, body_end_ = 0;
    unsigned pairs_ = 0;
    bool open_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const unsigned split = data[0] | 1u, gap_seed = data[1];
    data += 2;
    size -= 2;
    CheckingEvents ev(size);
    MessageParser parser(ev);
    size_t at = 0, piece = 0;
    while (at < size) {
        const size_t n = std::min<size_t>(size - at, 1 + (split * (piece + 7)) % 97);
        if ((gap_seed & 1) && piece == gap_seed / 2) parser.gap(at, n);
        else parser.data(at, data + at, n);
        at += n;
        ++piece;
    }
    parser.close();
    return 0;
}
