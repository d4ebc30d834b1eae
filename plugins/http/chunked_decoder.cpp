#include "chunked_decoder.h"

#include <algorithm>

namespace tcpflow {
namespace http {

namespace {

constexpr size_t kMaxSizeLine = 4096;
constexpr size_t kMaxTrailer = 64 * 1024;
constexpr uint64_t kMaxChunk = uint64_t(1) << 60;  // no overflow while parsing, far past any real chunk

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

void ChunkedDecoder::fail(std::string why) {
    state_ = State::error;
    error_ = std::move(why);
}

size_t ChunkedDecoder::feed(const uint8_t* data, size_t len, const DataFn& on_data) {
    size_t i = 0;
    while (i < len && state_ != State::done && state_ != State::error) {
        const char c = static_cast<char>(data[i]);
        switch (state_) {
            case State::size_line:
            case State::trailer: {
                ++i;
                if (c != '\n') {
                    line_ += c;
                    if (line_.size() > kMaxSizeLine) fail("chunk-size line too long");
                    break;
                }
                if (!line_.empty() && line_.back() == '\r') line_.pop_back();
                if (state_ == State::size_line ? !size_line_done() : !trailer_line_done()) break;
                line_.clear();
                break;
            }
            case State::data: {
                const size_t n = static_cast<size_t>(std::min<uint64_t>(left_, len - i));
                on_data(data + i, n, i);
                i += n;
                left_ -= n;
                if (left_ == 0) {
                    state_ = State::data_end;
                    saw_cr_ = false;
                }
                break;
            }
            case State::data_end:
                ++i;
                if (c == '\r' && !saw_cr_) saw_cr_ = true;
                else if (c == '\n') state_ = State::size_line;
                else fail("chunk data not followed by CRLF (chunk size wrong?)");
                break;
            case State::done:
            case State::error: break;
        }
    }
    return i;
}

bool ChunkedDecoder::size_line_done() {
    std::string_view s = trim_ows(std::string_view(line_).substr(0, line_.find(';')));
    if (s.empty()) {
        fail("empty chunk-size line");
        return false;
    }
    uint64_t size = 0;
    for (char c : s) {
        const int v = hex_value(c);
        if (v < 0 || size >= kMaxChunk) {
            fail("invalid chunk size '" + std::string(s.substr(0, 32)) + "'");
            return false;
        }
        size = size * 16 + static_cast<uint64_t>(v);
    }
    ++chunks_;
    if (size == 0) state_ = State::trailer;
    else {
        state_ = State::data;
        left_ = size;
    }
    return true;
}

bool ChunkedDecoder::trailer_line_done() {
    if (line_.empty()) {
        (void)trailers_.parse(trailer_text_);  // a bad trailer line loses only itself: the body is whole
        state_ = State::done;
        return true;
    }
    trailer_text_ += line_ + "\n";
    if (trailer_text_.size() > kMaxTrailer) {
        fail("trailer fields too long");
        return false;
    }
    return true;
}

void ChunkedDecoder::skip(uint64_t n) {
    if (state_ != State::data) return;
    left_ -= std::min(n, left_);
    if (left_ == 0) {
        state_ = State::data_end;
        saw_cr_ = false;
    }
}

}  // namespace http
}  // namespace tcpflow
