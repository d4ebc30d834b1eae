#include "content_decoder.h"

#include "config.h"

#include <sstream>

namespace tcpflow {
namespace decode {

std::unique_ptr<DecodeStage> make_stage(Coding c) {
    switch (c) {
        case Coding::gzip:
        case Coding::deflate: return make_zlib_stage();
#ifdef HAVE_BROTLI
        case Coding::br: return make_brotli_stage();
#else
        case Coding::br: break;
#endif
        case Coding::unknown: break;
    }
    return nullptr;
}

namespace {

std::string format_ratio(double r) {
    std::ostringstream os;
    os << r;
    return os.str();
}

}  // namespace

const char* stop_name(DecodeStop s) {
    switch (s) {
        case DecodeStop::none: return "none";
        case DecodeStop::error: return "error";
        case DecodeStop::size_cap: return "size_cap";
        case DecodeStop::ratio_cap: return "ratio_cap";
        case DecodeStop::unsupported: return "unsupported";
        case DecodeStop::output_closed: return "output_closed";
    }
    return "none";
}

ContentDecoder::ContentDecoder(const CodingList& codings, DecodeLimits limits) : limits_(limits) {
    const std::string unsupported = codings.first_unsupported();
    if (!unsupported.empty()) {
        fail(DecodeStop::unsupported, "unsupported encoding " + unsupported);
        return;
    }
    for (auto it = codings.codings.rbegin(); it != codings.codings.rend(); ++it) stages_.push_back(make_stage(*it));
}

bool ContentDecoder::fail(DecodeStop why, std::string what) {
    if (stop_ == DecodeStop::none) {
        stop_ = why;
        error_ = std::move(what);
    }
    return false;
}

bool ContentDecoder::feed(const uint8_t* data, size_t len, const Emit& sink) {
    if (stopped()) return false;
    in_ += len;
    return run(0, data, len, sink);
}

bool ContentDecoder::finish(const Emit& sink) {
    if (stopped()) return false;
    return finish_from(0, sink);
}

// Stage i's output is stage i+1's input; the last stage's goes to deliver().
bool ContentDecoder::run(size_t stage, const uint8_t* data, size_t len, const Emit& sink) {
    if (stage == stages_.size()) return deliver(data, len, sink);
    DecodeStage& s = *stages_[stage];
    const bool ok = s.feed(data, len, [&](const uint8_t* d, size_t n) { return run(stage + 1, d, n, sink); });
    if (!ok && !stopped()) fail(DecodeStop::error, s.error());
    return ok;
}

bool ContentDecoder::finish_from(size_t stage, const Emit& sink) {
    if (stage == stages_.size()) return true;
    DecodeStage& s = *stages_[stage];
    const bool ok = s.finish([&](const uint8_t* d, size_t n) { return run(stage + 1, d, n, sink); });
    if (!ok) {
        if (!stopped()) fail(DecodeStop::error, s.error());
        return false;
    }
    return finish_from(stage + 1, sink);
}

// The caps are checked on the final output, so a stack of codings cannot
// multiply its way past them.
bool ContentDecoder::deliver(const uint8_t* data, size_t len, const Emit& sink) {
    if (limits_.max_bytes && out_ + len > limits_.max_bytes) {
        const size_t room = static_cast<size_t>(limits_.max_bytes - out_);
        if (room) sink(data, room);
        out_ += room;
        return fail(DecodeStop::size_cap, "decoded size cap of " + std::to_string(limits_.max_bytes) + " bytes reached");
    }
    out_ += len;
    if (limits_.max_ratio > 0 && out_ > limits_.ratio_floor &&
        static_cast<double>(out_) > limits_.max_ratio * static_cast<double>(in_ ? in_ : 1)) {
        out_ -= len;
        return fail(DecodeStop::ratio_cap, "compression ratio above " + format_ratio(limits_.max_ratio) + " after " +
                                               std::to_string(in_) + " encoded bytes");
    }
    return sink(data, len) || fail(DecodeStop::output_closed, "the output refused more bytes");
}

}  // namespace decode
}  // namespace tcpflow
