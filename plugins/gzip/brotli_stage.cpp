// Brotli ("br") decoding with libbrotlidec; compiled only when configure found it.
#include "config.h"

#ifdef HAVE_BROTLI
#include <brotli/decode.h>

#include "decode_stage.h"

namespace tcpflow {
namespace decode {

namespace {

class BrotliStage final : public DecodeStage {
public:
    BrotliStage() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {}
    ~BrotliStage() override {
        if (state_) BrotliDecoderDestroyInstance(state_);
    }

    bool feed(const uint8_t* data, size_t len, const Emit& emit) override {
        if (!state_) {
            error_ = "brotli initialisation failed";
            return false;
        }
        size_t avail_in = len;
        const uint8_t* next_in = data;
        while (!done_) {
            size_t avail_out = sizeof out_;
            uint8_t* next_out = out_;
            const BrotliDecoderResult r =
                BrotliDecoderDecompressStream(state_, &avail_in, &next_in, &avail_out, &next_out, nullptr);
            const size_t produced = sizeof out_ - avail_out;
            if (produced && !emit(out_, produced)) return false;
            if (r == BROTLI_DECODER_RESULT_ERROR) {
                error_ = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_));
                return false;
            }
            if (r == BROTLI_DECODER_RESULT_SUCCESS) done_ = true;  // bytes after the stream are ignored
            if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) break;
        }
        return true;
    }

    bool finish(const Emit&) override {
        if (done_ || !state_) return done_;
        error_ = "compressed data ends early";
        return false;
    }

    std::string error() const override { return error_; }

private:
    BrotliDecoderState* state_;
    bool done_ = false;
    uint8_t out_[64 * 1024];
    std::string error_;
};

}  // namespace

std::unique_ptr<DecodeStage> make_brotli_stage() { return std::make_unique<BrotliStage>(); }

}  // namespace decode
}  // namespace tcpflow
#endif
