// gzip / zlib / raw deflate decoding with zlib. The format is taken from the
// data, not from the coding name: many servers send zlib or raw deflate as
// "deflate" and some send zlib as "gzip" (tcpflow 1.6 auto-detected too).
#include <zlib.h>

#include <cstring>

#include "decode_stage.h"

namespace tcpflow {
namespace decode {

namespace {

enum class Format { gzip, zlib, raw };

Format detect(uint8_t b0, uint8_t b1) {
    if (b0 == 0x1f && b1 == 0x8b) return Format::gzip;
    const bool zlib_header = (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0;
    return zlib_header ? Format::zlib : Format::raw;
}

int window_bits(Format f) {
    switch (f) {
        case Format::gzip: return 16 + MAX_WBITS;
        case Format::zlib: return MAX_WBITS;
        case Format::raw: break;
    }
    return -MAX_WBITS;
}

class ZlibStage final : public DecodeStage {
public:
    ZlibStage() { std::memset(&z_, 0, sizeof z_); }
    ~ZlibStage() override {
        if (started_) inflateEnd(&z_);
    }

    bool feed(const uint8_t* data, size_t len, const Emit& emit) override {
        if (!started_) {
            // Two bytes tell the formats apart; a lone first byte waits.
            if (pending_len_ + len < 2) {
                if (len) pending_[pending_len_++] = data[0];
                return true;
            }
            const uint8_t b0 = pending_len_ ? pending_[0] : data[0];
            const uint8_t b1 = pending_len_ ? data[0] : data[1];
            if (!start(detect(b0, b1)) || !inflate_some(pending_, pending_len_, emit)) return false;
            pending_len_ = 0;
        }
        return inflate_some(data, len, emit);
    }

    bool finish(const Emit&) override {
        if (ended_ || (!started_ && pending_len_ == 0)) return true;
        error_ = "compressed data ends early";
        return false;
    }

    std::string error() const override { return error_; }

private:
    bool start(Format f) {
        format_ = f;
        if (inflateInit2(&z_, window_bits(f)) != Z_OK) {
            error_ = "zlib initialisation failed";
            return false;
        }
        started_ = true;
        return true;
    }

    bool inflate_some(const uint8_t* data, size_t len, const Emit& emit) {
        while (len > 0) {
            if (ended_ && !next_member(data, len)) return true;  // trailing bytes after the stream: ignored
            const uInt chunk = len > (1u << 30) ? (1u << 30) : static_cast<uInt>(len);
            z_.next_in = const_cast<Bytef*>(data);
            z_.avail_in = chunk;
            int rc = Z_OK;
            do {
                z_.next_out = out_;
                z_.avail_out = sizeof out_;
                rc = inflate(&z_, Z_NO_FLUSH);
                if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                    error_ = z_.msg ? z_.msg : "inflate error " + std::to_string(rc);
                    return false;
                }
                const size_t produced = sizeof out_ - z_.avail_out;
                if (produced && !emit(out_, produced)) return false;
            } while (rc == Z_OK && (z_.avail_out == 0 || z_.avail_in > 0));
            const size_t consumed = chunk - z_.avail_in;
            data += consumed;
            len -= consumed;
            if (rc == Z_STREAM_END) ended_ = true;
            else if (consumed == 0 && rc == Z_BUF_ERROR) break;  // needs more input
        }
        return true;
    }

    // gzip allows several members back to back (concatenated .gz files).
    bool next_member(const uint8_t* data, size_t len) {
        if (format_ != Format::gzip || data[0] != 0x1f || (len > 1 && data[1] != 0x8b)) return false;
        inflateReset(&z_);
        ended_ = false;
        return true;
    }

    z_stream z_;
    Format format_ = Format::raw;
    bool started_ = false, ended_ = false;
    uint8_t pending_[1] = {0};
    size_t pending_len_ = 0;
    uint8_t out_[64 * 1024];
    std::string error_;
};

}  // namespace

std::unique_ptr<DecodeStage> make_zlib_stage() { return std::make_unique<ZlibStage>(); }

}  // namespace decode
}  // namespace tcpflow
