// Decoder: owns the defragmenter, runs the layers, keeps the counters.
#include "decode/decoder.h"

#include "decode/layers.h"

namespace tcpflow {

struct Decoder::Impl {
    explicit Impl(const DefragConfig& cfg) : defrag(cfg) {}
    Defragmenter defrag;
    bool had_fragment = false;
    FragmentKey fragment;
};

Decoder::Decoder(const DefragConfig& cfg) : impl_(std::make_unique<Impl>(cfg)) {}
Decoder::~Decoder() = default;

const DefragStats& Decoder::defrag_stats() const { return impl_->defrag.stats(); }

DecodeStatus Decoder::decode(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen,
                             uint32_t wirelen, TcpSegment& out) {
    ++stats_.frames;
    out = TcpSegment();
    out.ts = ts;
    out.caplen = caplen;
    out.wirelen = wirelen;
    // Expiry looks only at the oldest datagram, so doing it per frame is cheap
    // and releases memory even when no more fragments arrive.
    impl_->defrag.expire(ts);
    decode::Walk walk{out, impl_->defrag, stats_, ts};
    walk.snapped = caplen < wirelen;
    const DecodeStatus status = decode::link_frame(walk, dlt, frame, frame ? caplen : 0);
    count(status);
    impl_->had_fragment = walk.had_fragment;
    impl_->fragment = walk.fragment;
    return status;
}

bool Decoder::last_fragment(FragmentKey& key) const {
    if (impl_->had_fragment) key = impl_->fragment;
    return impl_->had_fragment;
}

void Decoder::count(DecodeStatus status) {
    switch (status) {
        case DecodeStatus::Tcp: ++stats_.tcp; break;
        case DecodeStatus::NotIp: ++stats_.not_ip; break;
        case DecodeStatus::NotTcp: ++stats_.not_tcp; break;
        case DecodeStatus::Truncated: ++stats_.truncated; break;
        case DecodeStatus::Malformed: ++stats_.malformed; break;
        case DecodeStatus::FragmentHeld: break;  // counted in stats_.fragments
    }
}

}  // namespace tcpflow
