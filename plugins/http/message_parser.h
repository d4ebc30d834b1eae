// The streaming HTTP/1.x parser of one flow direction. It takes the stream in
// order, in pieces split anywhere, with gap markers, and reports message
// heads, body bytes (de-chunked, still content-encoded) and message ends.
// It never reads a byte twice and holds at most one header block in memory.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "body_framing.h"
#include "chunked_decoder.h"
#include "header_fields.h"
#include "start_line.h"

namespace tcpflow {
namespace http {

struct MessageHead {
    uint64_t index = 0;   ///< 1-based count of messages (interim 1xx included) in the stream
    uint64_t offset = 0;  ///< stream offset of the start line
    StartLine line;
    HeaderFields headers;
    std::string request_method;  ///< responses: the method of the paired request ("" if unknown)
    BodyFraming framing;
    uint64_t head_gap_bytes = 0;  ///< bytes of the header block lost in a capture gap (one line dropped)
};

enum class MessageEnd {
    complete,   ///< the body ended where its framing said
    truncated,  ///< the stream ended (or lost sync) before the body did
    error       ///< the framing broke (bad chunk); bytes after it are not parsed
};

enum class StopReason {
    not_http,  ///< the stream does not start with an HTTP/1.x message: nothing was reported
    tunnel,    ///< 101 / CONNECT: the rest is another protocol
    error      ///< the stream ended inside a header block
};

const char* end_name(MessageEnd e);
const char* stop_name(StopReason s);

/// What the parser tells its owner. Body bytes carry their stream offset.
class ParserEvents {
public:
    virtual ~ParserEvents() = default;
    /// A final response needs its request's method (HEAD, CONNECT change its framing).
    virtual std::string pair_response(const StartLine&) { return ""; }
    /// After a CONNECT / Upgrade request: has the server switched protocols?
    virtual bool tunnel_open() { return false; }
    virtual void on_head(const MessageHead& head) = 0;
    virtual void on_body(const MessageHead& head, uint64_t offset, const uint8_t* data, size_t len) = 0;
    /// Body bytes that will never arrive (a capture gap).
    virtual void on_body_gap(const MessageHead& head, uint64_t offset, uint64_t len) = 0;
    virtual void on_message_end(const MessageHead& head, MessageEnd end, const std::string& detail) = 0;
    /// Parsing of this stream is over; `offset` is where it stopped.
    virtual void on_stop(StopReason why, const std::string& detail, uint64_t offset) = 0;
    /// The framing was lost at `offset` (a gap, malformed data); the parser
    /// now looks for the next start line and carries on from there.
    virtual void on_lost_sync(const std::string& detail, uint64_t offset) = 0;
};

class MessageParser {
public:
    enum class Direction { unknown, requests, responses };

    explicit MessageParser(ParserEvents& events) : events_(events) {}

    void data(uint64_t offset, const uint8_t* bytes, size_t len);
    void gap(uint64_t offset, uint64_t len);
    /// The stream ended.
    void close();

    bool stopped() const { return state_ == State::stopped; }
    Direction direction() const { return direction_; }
    uint64_t messages() const { return count_; }

    static constexpr size_t kMaxHead = 64 * 1024;

private:
    enum class State { head, body_length, body_chunked, body_close, resync, stopped };

    size_t consume_head(uint64_t offset, const uint8_t* p, size_t n);
    size_t consume_body(uint64_t offset, const uint8_t* p, size_t n);
    bool check_message_start();
    bool patch_head_gap(uint64_t len);
    void lose_sync(const std::string& detail);
    size_t consume_resync(uint64_t offset, const uint8_t* p, size_t n);
    void head_complete();
    void begin_body();
    void end_message(MessageEnd end, const std::string& detail = "");
    void stop(StopReason why, const std::string& detail);

    ParserEvents& events_;
    State state_ = State::head;
    Direction direction_ = Direction::unknown;
    std::string head_;            // the header block being collected
    uint64_t head_offset_ = 0;
    uint64_t pos_ = 0;            // stream offset of the next byte expected
    bool line_checked_ = false;   // the start line of head_ was validated
    bool tunnel_pending_ = false; // the last request asked for a protocol switch
    bool skip_line_ = false;      // drop bytes up to the next LF: the rest of a line cut by a gap
    uint64_t head_gap_ = 0;       // bytes of the current header block lost in gaps
    // resync: each line start is a candidate start line
    bool at_line_start_ = false, collecting_ = false;
    std::string candidate_;
    uint64_t candidate_offset_ = 0;
    uint64_t count_ = 0;
    MessageHead msg_;
    uint64_t body_left_ = 0;
    std::unique_ptr<ChunkedDecoder> chunks_;
};

}  // namespace http
}  // namespace tcpflow
