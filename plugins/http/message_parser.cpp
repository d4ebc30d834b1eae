#include "message_parser.h"

#include <algorithm>
#include <cstring>

namespace tcpflow {
namespace http {

const char* end_name(MessageEnd e) {
    switch (e) {
        case MessageEnd::complete: return "complete";
        case MessageEnd::truncated: return "truncated";
        case MessageEnd::error: return "error";
    }
    return "error";
}

const char* stop_name(StopReason s) {
    switch (s) {
        case StopReason::not_http: return "not_http";
        case StopReason::tunnel: return "tunnel";
        case StopReason::error: return "error";
    }
    return "error";
}

namespace {

bool ends_header_block(const std::string& h) {
    const size_t n = h.size();
    return (n >= 2 && h[n - 1] == '\n' && h[n - 2] == '\n') ||
           (n >= 3 && h[n - 1] == '\n' && h[n - 2] == '\r' && h[n - 3] == '\n');
}

std::string first_line(const std::string& h) {
    std::string line = h.substr(0, h.find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

void MessageParser::data(uint64_t offset, const uint8_t* bytes, size_t len) {
    if (stopped() || len == 0) return;
    if (offset > pos_) gap(pos_, offset - pos_);
    if (offset < pos_) {  // already seen: the reassembler should not do this, but never parse a byte twice
        const uint64_t skip = std::min<uint64_t>(pos_ - offset, len);
        bytes += skip;
        len -= static_cast<size_t>(skip);
        offset += skip;
    }
    size_t i = 0;
    while (i < len && !stopped()) {
        pos_ = offset + i;
        if (state_ == State::head) i += consume_head(offset + i, bytes + i, len - i);
        else if (state_ == State::resync) i += consume_resync(offset + i, bytes + i, len - i);
        else i += consume_body(offset + i, bytes + i, len - i);
    }
    pos_ = offset + len;
}

size_t MessageParser::consume_head(uint64_t offset, const uint8_t* p, size_t n) {
    size_t i = 0;
    if (skip_line_) {
        const void* nl = std::memchr(p, '\n', n);
        if (!nl) return n;
        skip_line_ = false;
        return static_cast<size_t>(static_cast<const uint8_t*>(nl) - p) + 1;
    }
    if (head_.empty()) {
        while (i < n && (p[i] == '\r' || p[i] == '\n')) ++i;  // blank lines between messages are allowed
        if (i == n) return n;
        head_offset_ = offset + i;
        if (tunnel_pending_ && events_.tunnel_open()) {
            stop(StopReason::tunnel, "the server switched protocols");
            return n;
        }
        tunnel_pending_ = false;
    }
    while (i < n) {
        const void* nl = std::memchr(p + i, '\n', n - i);
        const size_t take = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - (p + i)) + 1 : n - i;
        if (head_.size() + take > kMaxHead) {
            const std::string why = "header block larger than " + std::to_string(kMaxHead) + " bytes";
            if (count_) lose_sync(why);
            else stop(StopReason::not_http, why);
            return i;
        }
        head_.append(reinterpret_cast<const char*>(p + i), take);
        i += take;
        if (!check_message_start()) return i;
        if (nl && ends_header_block(head_)) {
            head_complete();
            return i;
        }
    }
    return i;
}

// Rejects a stream (or a message in it) as soon as its first bytes show it
// is not HTTP, so binary data is never buffered.
bool MessageParser::check_message_start() {
    if (line_checked_) return true;
    const bool line_done = head_.find('\n') != std::string::npos;
    bool ok = looks_like_http(head_) != Sniff::not_http;
    StartLine line;
    if (ok && line_done) ok = parse_start_line(first_line(head_), line);
    if (ok && line_done && direction_ != Direction::unknown &&
        line.is_request != (direction_ == Direction::requests))
        ok = false;
    if (!ok) {
        if (count_ == 0) stop(StopReason::not_http, "");
        else lose_sync("data after message " + std::to_string(count_) + " is not an HTTP message");
        return false;
    }
    line_checked_ = line_done;
    return true;
}

void MessageParser::head_complete() {
    msg_ = MessageHead();
    parse_start_line(first_line(head_), msg_.line);
    const size_t eol = head_.find('\n');
    const bool fields_ok = msg_.headers.parse(std::string_view(head_).substr(eol + 1));
    head_.clear();
    line_checked_ = false;
    if (direction_ == Direction::unknown) direction_ = msg_.line.is_request ? Direction::requests : Direction::responses;
    msg_.index = ++count_;
    msg_.offset = head_offset_;
    msg_.head_gap_bytes = head_gap_;
    head_gap_ = 0;
    const StartLine& l = msg_.line;
    if (l.is_request) msg_.framing = request_framing(msg_.headers);
    else if (l.status < 200 && l.status != 101) msg_.framing = BodyFraming();  // interim: the real answer follows
    else {
        msg_.request_method = events_.pair_response(l);
        msg_.framing = response_framing(l.status, msg_.request_method, msg_.headers);
    }
    if (!fields_ok) {
        msg_.framing.problem = "malformed header line";
        msg_.framing.fatal = true;
    }
    events_.on_head(msg_);
    if (msg_.framing.fatal) {
        end_message(MessageEnd::error, msg_.framing.problem);
        lose_sync(msg_.framing.problem + " in message " + std::to_string(count_));
        return;
    }
    begin_body();
}

void MessageParser::begin_body() {
    switch (msg_.framing.kind) {
        case Framing::none: end_message(MessageEnd::complete); break;
        case Framing::length:
            body_left_ = msg_.framing.length;
            state_ = State::body_length;
            break;
        case Framing::chunked:
            chunks_ = std::make_unique<ChunkedDecoder>();
            state_ = State::body_chunked;
            break;
        case Framing::until_close: state_ = State::body_close; break;
        case Framing::tunnel:
            end_message(MessageEnd::complete);
            stop(StopReason::tunnel, msg_.line.status == 101 ? "101 Switching Protocols" : "CONNECT tunnel");
            break;
    }
}

size_t MessageParser::consume_body(uint64_t offset, const uint8_t* p, size_t n) {
    switch (state_) {
        case State::body_length: {
            const size_t take = static_cast<size_t>(std::min<uint64_t>(body_left_, n));
            events_.on_body(msg_, offset, p, take);
            body_left_ -= take;
            if (body_left_ == 0) end_message(MessageEnd::complete);
            return take;
        }
        case State::body_close: events_.on_body(msg_, offset, p, n); return n;
        case State::body_chunked: {
            const size_t used = chunks_->feed(
                p, n, [&](const uint8_t* d, size_t len, size_t index) { events_.on_body(msg_, offset + index, d, len); });
            if (chunks_->done()) end_message(MessageEnd::complete);
            else if (chunks_->failed()) {
                const std::string why = chunks_->error();
                end_message(MessageEnd::error, why);
                lose_sync(why + " in message " + std::to_string(count_));
            }
            return used;
        }
        case State::head:
        case State::resync:
        case State::stopped: break;
    }
    return n;
}

void MessageParser::end_message(MessageEnd end, const std::string& detail) {
    events_.on_message_end(msg_, end, detail);
    state_ = State::head;
    chunks_.reset();
    if (msg_.line.is_request && request_may_open_tunnel(msg_.line, msg_.headers)) tunnel_pending_ = true;
}

void MessageParser::gap(uint64_t offset, uint64_t len) {
    if (stopped() || len == 0) return;
    if (offset + len <= pos_) return;
    if (offset > pos_) {
        len += offset - pos_;
        offset = pos_;
    } else if (offset < pos_) {
        len -= pos_ - offset;
        offset = pos_;
    }
    pos_ = offset + len;
    const std::string what = "gap of " + std::to_string(len) + " bytes at offset " + std::to_string(offset);
    switch (state_) {
        case State::head:
            if (head_.empty()) lose_sync(what + (count_ ? " between messages" : " at the start of the stream"));
            else if (!patch_head_gap(len)) lose_sync(what + " inside a start line");
            return;
        case State::resync:
            collecting_ = false;
            at_line_start_ = true;
            return;
        case State::body_close: events_.on_body_gap(msg_, offset, len); return;
        case State::body_length: {
            const uint64_t n = std::min(len, body_left_);
            events_.on_body_gap(msg_, offset, n);
            body_left_ -= n;
            if (body_left_ == 0) end_message(MessageEnd::complete);
            if (n < len) lose_sync(what + " runs past the end of message " + std::to_string(count_));
            return;
        }
        case State::body_chunked:
            if (len <= chunks_->left_in_chunk()) {
                events_.on_body_gap(msg_, offset, len);
                chunks_->skip(len);
                return;
            }
            end_message(MessageEnd::truncated, what + " across a chunk boundary");
            lose_sync(what + " loses the chunk framing of message " + std::to_string(count_));
            return;
        case State::stopped: return;
    }
}

// A gap inside a header block costs the line it cuts, not the message: the
// line's start is dropped here and its end skipped when data resumes, and
// the fields after it (Content-Length, ...) still frame the body. A cut start
// line is kept if what is left of it still parses (the reason phrase is lost).
bool MessageParser::patch_head_gap(uint64_t len) {
    const size_t last_nl = head_.rfind('\n');
    if (last_nl == std::string::npos) {
        StartLine line;
        std::string partial = head_;
        while (!partial.empty() && (partial.back() == '\r' || partial.back() == ' ')) partial.pop_back();
        if (!parse_start_line(partial, line)) return false;
        head_ = partial + "\r\n";
        line_checked_ = true;
    } else {
        head_.erase(last_nl + 1);
    }
    head_gap_ += len;
    skip_line_ = true;
    return true;
}

void MessageParser::close() {
    switch (state_) {
        case State::body_close: end_message(MessageEnd::complete); break;
        case State::body_length:
            end_message(MessageEnd::truncated,
                        "the stream ended " + std::to_string(body_left_) + " bytes before the end of the body");
            break;
        case State::body_chunked: end_message(MessageEnd::truncated, "the stream ended inside the chunked body"); break;
        case State::resync: break;
        case State::head:
            if (!head_.empty() && (count_ > 0 || line_checked_)) {
                stop(StopReason::error, "the stream ended inside a header block");
                return;
            }
            break;
        case State::stopped: return;
    }
    state_ = State::stopped;
}

void MessageParser::lose_sync(const std::string& detail) {
    events_.on_lost_sync(detail, pos_);
    state_ = State::resync;
    head_.clear();
    line_checked_ = skip_line_ = false;
    head_gap_ = 0;
    chunks_.reset();
    collecting_ = false;
    at_line_start_ = true;  // after a gap the next byte may well start a message
}

// Looks at every line start for a start line of the stream's direction. A
// line is collected only while its first bytes can still be HTTP, so binary
// data costs a scan for the next LF and no copy.
size_t MessageParser::consume_resync(uint64_t offset, const uint8_t* p, size_t n) {
    constexpr size_t kMaxLine = 8 * 1024;
    size_t i = 0;
    while (i < n) {
        if (!collecting_ && !at_line_start_) {
            const void* nl = std::memchr(p + i, '\n', n - i);
            if (!nl) return n;
            i = static_cast<size_t>(static_cast<const uint8_t*>(nl) - p) + 1;
            at_line_start_ = true;
            continue;
        }
        if (!collecting_) {
            collecting_ = true;
            at_line_start_ = false;
            candidate_.clear();
            candidate_offset_ = offset + i;
        }
        const void* nl = std::memchr(p + i, '\n', n - i);
        const size_t take = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - (p + i)) + 1 : n - i;
        candidate_.append(reinterpret_cast<const char*>(p + i), std::min(take, kMaxLine));
        i += take;
        if (candidate_.size() >= kMaxLine || looks_like_http(candidate_) == Sniff::not_http) {
            collecting_ = false;
            at_line_start_ = nl != nullptr;
            continue;
        }
        if (!nl) continue;
        collecting_ = false;
        at_line_start_ = true;
        StartLine line;
        if (!parse_start_line(first_line(candidate_), line)) continue;
        if (direction_ != Direction::unknown && line.is_request != (direction_ == Direction::requests)) continue;
        state_ = State::head;
        head_ = candidate_;
        head_offset_ = candidate_offset_;
        line_checked_ = true;
        return i;
    }
    return i;
}

void MessageParser::stop(StopReason why, const std::string& detail) {
    state_ = State::stopped;
    chunks_.reset();
    events_.on_stop(why, detail, pos_);
}

}  // namespace http
}  // namespace tcpflow
