// A ParserEvents that writes down what the parser reported, in a form that
// does not depend on how the input was split (body pieces are joined).
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "message_parser.h"

namespace tcpflow {
namespace http {
namespace test {

struct Recorded {
    std::string kind;  // "GET /x" or "200"
    uint64_t index = 0, offset = 0;
    std::string request_method;
    std::string body;
    uint64_t body_offset = UINT64_MAX;  // stream offset of the first body byte
    uint64_t gap_bytes = 0;
    std::string end;     // complete / truncated / error ("" while open)
    std::string detail;
    HeaderFields headers;
};

class RecordingEvents : public ParserEvents {
public:
    std::vector<Recorded> messages;
    std::string stop;  // "" or the stop reason
    std::string stop_detail;
    std::vector<std::string> lost;  // on_lost_sync details
    std::deque<std::string> request_methods;  // answers to pair_response, in order
    bool tunnel = false;

    std::string pair_response(const StartLine&) override {
        if (request_methods.empty()) return "";
        std::string m = request_methods.front();
        request_methods.pop_front();
        return m;
    }
    bool tunnel_open() override { return tunnel; }
    void on_head(const MessageHead& h) override {
        Recorded r;
        r.kind = h.line.is_request ? h.line.method + " " + h.line.target : std::to_string(h.line.status);
        r.index = h.index;
        r.offset = h.offset;
        r.request_method = h.request_method;
        r.headers = h.headers;
        messages.push_back(r);
    }
    void on_body(const MessageHead&, uint64_t offset, const uint8_t* d, size_t n) override {
        Recorded& r = messages.back();
        if (r.body_offset == UINT64_MAX) r.body_offset = offset;
        r.body.append(reinterpret_cast<const char*>(d), n);
    }
    void on_body_gap(const MessageHead&, uint64_t offset, uint64_t n) override {
        Recorded& r = messages.back();
        if (r.body_offset == UINT64_MAX) r.body_offset = offset;
        r.gap_bytes += n;
        r.body.append(n, '#');
    }
    void on_message_end(const MessageHead&, MessageEnd end, const std::string& detail) override {
        messages.back().end = end_name(end);
        messages.back().detail = detail;
    }
    void on_lost_sync(const std::string& detail, uint64_t) override { lost.push_back(detail); }
    void on_stop(StopReason why, const std::string& detail, uint64_t) override {
        stop = stop_name(why);
        stop_detail = detail;
    }

    /// One line per message: "n kind|body|end@body offset", then "stop:reason" and " lost:N" if sync was lost.
    std::string transcript() const {
        std::string t;
        for (const auto& m : messages)
            t += std::to_string(m.index) + " " + m.kind + "|" + m.body + "|" + m.end + "@" +
                 std::to_string(m.body_offset == UINT64_MAX ? 0 : m.body_offset) + "\n";
        return t + "stop:" + stop + (lost.empty() ? "" : " lost:" + std::to_string(lost.size()));
    }
};

}  // namespace test
}  // namespace http
}  // namespace tcpflow
