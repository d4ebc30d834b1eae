// Writes one message body as a derived object: created at its first byte
// (so empty bodies leave no file), decoded on the way when it has a
// Content-Encoding, capped, with capture gaps accounted for, and described
// in the object's report record when done.
#pragma once
#include <tcpflow/sdk/scanner.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "content_decoder.h"

namespace tcpflow {
namespace http {

struct BodySettings {
    bool decompress = true;         ///< decode Content-Encoding (off with -Z, or while gzip is disabled)
    uint64_t max_body = 0;          ///< bytes written per body (0 = no cap)
    decode::DecodeLimits limits;    ///< the gzip scanner's bomb caps
};

/// What the report says about a finished body.
struct BodyResult {
    uint64_t raw_bytes = 0;      ///< body bytes as framed (de-chunked, still encoded), gaps included
    uint64_t written_bytes = 0;  ///< bytes in the file
    uint64_t gap_bytes = 0;
    std::string path;            ///< "" when nothing was written
    std::string problem;         ///< decoding or capping trouble, "" when none
};

class BodyWriter {
public:
    BodyWriter(const sdk::Host& host, const tcpflow_flow& flow, std::string suffix, std::string content_type,
               std::string content_encoding, const BodySettings& settings);
    ~BodyWriter();
    BodyWriter(const BodyWriter&) = delete;
    BodyWriter& operator=(const BodyWriter&) = delete;

    void write(uint64_t stream_offset, const uint8_t* data, size_t len);
    /// Body bytes lost in a capture gap.
    void hole(uint64_t stream_offset, uint64_t len);
    /// Flushes the decoder, annotates and closes the object. Idempotent.
    BodyResult finish();

private:
    enum class Mode { decode, raw, discard };

    void note_offset(uint64_t stream_offset);
    bool emit(const uint8_t* data, size_t len);
    void feed_decoder(const uint8_t* data, size_t len);
    void fall_back_to_raw();
    void add_problem(const std::string& p);

    const sdk::Host& host_;
    const tcpflow_flow& flow_;
    std::string suffix_, content_type_, content_encoding_;
    BodySettings settings_;
    Mode mode_;
    std::unique_ptr<decode::ContentDecoder> decoder_;
    std::string held_raw_;           // raw bytes kept until the decoder first produces output
    bool held_overflow_ = false;
    const tcpflow_object* object_ = nullptr;
    uint64_t first_offset_ = UINT64_MAX;
    bool capped_ = false, finished_ = false;
    BodyResult result_;
};

}  // namespace http
}  // namespace tcpflow
