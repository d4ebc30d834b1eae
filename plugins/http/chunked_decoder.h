// Streaming de-chunking of a chunked body (RFC 7230 4.1): chunk-size lines,
// chunk data, the CRLF after it, the last chunk and the trailer fields.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "header_fields.h"

namespace tcpflow {
namespace http {

class ChunkedDecoder {
public:
    enum class State { size_line, data, data_end, trailer, done, error };
    /// Receives the chunk data: `data` is at `index` bytes into the buffer given to feed().
    using DataFn = std::function<void(const uint8_t* data, size_t len, size_t index)>;

    /// Consumes bytes up to the end of the body; returns how many. Stops early
    /// (consuming no more) once done() or failed().
    size_t feed(const uint8_t* data, size_t len, const DataFn& on_data);

    bool done() const { return state_ == State::done; }
    bool failed() const { return state_ == State::error; }
    const std::string& error() const { return error_; }
    /// Inside chunk data, how many bytes of the chunk are still to come (a gap
    /// shorter than this can be skipped without losing the framing).
    uint64_t left_in_chunk() const { return state_ == State::data ? left_ : 0; }
    void skip(uint64_t n);
    const HeaderFields& trailers() const { return trailers_; }
    uint64_t chunks() const { return chunks_; }

private:
    bool size_line_done();
    bool trailer_line_done();
    void fail(std::string why);

    State state_ = State::size_line;
    std::string line_;
    std::string trailer_text_;
    uint64_t left_ = 0, chunks_ = 0;
    bool saw_cr_ = false;
    HeaderFields trailers_;
    std::string error_;
};

}  // namespace http
}  // namespace tcpflow
