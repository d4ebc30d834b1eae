#include "body_writer.h"

#include <algorithm>

#include "decode_report.h"

namespace tcpflow {
namespace http {

namespace {

// A body whose decoder fails before producing a byte is most likely not
// encoded at all (a wrong header): it is written raw if it fits in this much.
constexpr size_t kMaxHeldRaw = 64 * 1024;

}  // namespace

BodyWriter::BodyWriter(const sdk::Host& host, const tcpflow_flow& flow, std::string suffix, std::string content_type,
                       std::string content_encoding, const BodySettings& settings)
    : host_(host),
      flow_(flow),
      suffix_(std::move(suffix)),
      content_type_(std::move(content_type)),
      content_encoding_(std::move(content_encoding)),
      settings_(settings),
      mode_(Mode::raw) {
    const decode::CodingList codings = decode::parse_coding_list(content_encoding_);
    if (!settings_.decompress || codings.empty()) return;
    decoder_ = std::make_unique<decode::ContentDecoder>(codings, settings_.limits);
    if (decoder_->stop() == decode::DecodeStop::unsupported) add_problem(decoder_->error());  // written raw
    else mode_ = Mode::decode;
}

BodyWriter::~BodyWriter() {
    if (!finished_) finish();
}

void BodyWriter::note_offset(uint64_t stream_offset) {
    if (first_offset_ == UINT64_MAX) first_offset_ = stream_offset;
}

void BodyWriter::add_problem(const std::string& p) {
    if (p.empty()) return;
    result_.problem += (result_.problem.empty() ? "" : "; ") + p;
}

// Everything that reaches the file goes through here: the object is made at
// the first byte and the body cap applies.
bool BodyWriter::emit(const uint8_t* data, size_t len) {
    if (capped_ || len == 0) return !capped_;
    if (!object_) {
        const bool encoded = mode_ != Mode::decode;
        object_ = host_.object_create(flow_, nullptr, suffix_, content_type_, encoded ? content_encoding_ : "",
                                      first_offset_);
        if (!object_) {
            mode_ = Mode::discard;  // the host logged why
            return false;
        }
    }
    size_t n = len;
    if (settings_.max_body && result_.written_bytes + n > settings_.max_body) {
        n = static_cast<size_t>(settings_.max_body - result_.written_bytes);
        capped_ = true;
        add_problem("body cap http_max_body_bytes=" + std::to_string(settings_.max_body) + " reached");
    }
    if (n && host_.object_write(object_, data, n) == TCPFLOW_OK) result_.written_bytes += n;
    return !capped_;
}

void BodyWriter::write(uint64_t stream_offset, const uint8_t* data, size_t len) {
    if (len == 0) return;
    note_offset(stream_offset);
    result_.raw_bytes += len;
    switch (mode_) {
        case Mode::raw: emit(data, len); break;
        case Mode::decode: feed_decoder(data, len); break;
        case Mode::discard: break;
    }
}

void BodyWriter::feed_decoder(const uint8_t* data, size_t len) {
    const bool producing = decoder_->bytes_out() > 0;
    if (!producing && !held_overflow_) {
        if (held_raw_.size() + len <= kMaxHeldRaw) held_raw_.append(reinterpret_cast<const char*>(data), len);
        else held_overflow_ = true;
    }
    const bool ok = decoder_->feed(data, len, [this](const uint8_t* p, size_t n) { return emit(p, n); });
    if (decoder_->bytes_out() > 0) held_raw_.clear();
    if (!ok) fall_back_to_raw();
}

// Called when the decoder stopped: bytes already decoded stay; if none were,
// the raw body is written instead so nothing is lost.
void BodyWriter::fall_back_to_raw() {
    if (decoder_->stop() == decode::DecodeStop::error && decoder_->bytes_out() == 0 && !held_overflow_) {
        add_problem(decoder_->error() + "; written undecoded");
        mode_ = Mode::raw;
        const std::string raw = std::move(held_raw_);
        emit(reinterpret_cast<const uint8_t*>(raw.data()), raw.size());
        return;
    }
    mode_ = Mode::discard;
}

void BodyWriter::hole(uint64_t stream_offset, uint64_t len) {
    if (len == 0) return;
    note_offset(stream_offset);
    result_.raw_bytes += len;
    result_.gap_bytes += len;
    if (mode_ == Mode::decode) {
        add_problem("gap of " + std::to_string(len) + " bytes in the encoded body: the rest is not decoded");
        mode_ = Mode::discard;
        return;
    }
    if (mode_ != Mode::raw) return;
    // The flow file holds zeros there, and so does the body (as in tcpflow 1.6).
    static const uint8_t zeros[4096] = {};
    for (uint64_t left = len; left > 0 && !capped_;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(left, sizeof zeros));
        if (!emit(zeros, n)) break;
        left -= n;
    }
}

BodyResult BodyWriter::finish() {
    if (finished_) return result_;
    finished_ = true;
    if (decoder_ && mode_ == Mode::decode) {
        decoder_->finish([this](const uint8_t* p, size_t n) { return emit(p, n); });
        if (decoder_->stopped()) fall_back_to_raw();
    }
    // unsupported was said at the start, output_closed is the body cap already said
    if (decoder_ && decoder_->stopped() && decoder_->stop() != decode::DecodeStop::unsupported &&
        decoder_->stop() != decode::DecodeStop::output_closed &&
        result_.problem.find(decoder_->error()) == std::string::npos)
        add_problem(decoder_->error());
    if (object_) {
        if (decoder_) host_.add_xml_child(*object_, "decode", decode::decode_attributes(content_encoding_, *decoder_));
        result_.path = object_->path;
        host_.object_finish(object_);
        object_ = nullptr;
    }
    return result_;
}

}  // namespace http
}  // namespace tcpflow
