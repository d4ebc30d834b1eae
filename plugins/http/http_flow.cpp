#include "http_flow.h"

#include <cstdio>

#include "mime_table.h"

namespace tcpflow {
namespace http {

std::string body_suffix(uint64_t index, const std::string& content_type) {
    char num[32];
    std::snprintf(num, sizeof num, "%03llu", static_cast<unsigned long long>(index));
    const std::string ext = extension_for(content_type);
    return std::string("-HTTPBODY-") + num + (ext.empty() ? "" : "." + ext);
}

HttpFlow::HttpFlow(const sdk::Host& host, const tcpflow_flow& flow, ConnectionTable& connections,
                   const HttpSettings& settings)
    : host_(host), flow_(flow), connections_(connections), settings_(settings), session_(flow.session_id),
      parser_(*this) {
    connections_.attach(session_);
}

HttpFlow::~HttpFlow() {
    close();
    connections_.detach(session_);
}

void HttpFlow::close() {
    if (closed_) return;
    closed_ = true;
    parser_.close();
    body_.reset();  // a body the parser did not end (it stopped) is finished here
}

Connection* HttpFlow::connection() { return connections_.find(session_); }

std::string HttpFlow::pair_response(const StartLine& line) {
    answered_ = RequestSummary();
    Connection* c = connection();
    if (!c) return "";
    if (!c->pending.empty()) {
        answered_ = std::move(c->pending.front());
        c->pending.pop_front();
    }
    if (line.status == 101 || (answered_.method == "CONNECT" && line.status >= 200 && line.status < 300))
        c->tunnel = true;
    return answered_.method;
}

bool HttpFlow::tunnel_open() {
    Connection* c = connection();
    return c && c->tunnel;
}

void HttpFlow::on_head(const MessageHead& head) {
    const StartLine& l = head.line;
    if (l.is_request) {
        Connection* c = connection();
        if (c && c->pending.size() < ConnectionTable::kMaxPending)
            c->pending.push_back({l.method, l.target, head.headers.get("Host")});
    } else if (l.status < 200 && l.status != 101) {
        answered_ = RequestSummary();  // an interim response answers nothing yet
    }
    body_.reset();
    const bool wanted = !l.is_request || settings_.request_bodies;
    if (wanted && head.framing.kind != Framing::none && head.framing.kind != Framing::tunnel) {
        const std::string type = head.headers.get("Content-Type");
        body_ = std::make_unique<BodyWriter>(host_, flow_, body_suffix(head.index, type), type,
                                             head.headers.get("Content-Encoding"), settings_.body);
    }
}

void HttpFlow::on_body(const MessageHead&, uint64_t offset, const uint8_t* data, size_t len) {
    if (body_) body_->write(offset, data, len);
}

void HttpFlow::on_body_gap(const MessageHead&, uint64_t offset, uint64_t len) {
    if (body_) body_->hole(offset, len);
}

void HttpFlow::on_message_end(const MessageHead& head, MessageEnd end, const std::string& detail) {
    BodyResult body;
    if (body_) body = body_->finish();
    body_.reset();
    record_message(head, end, detail, body);
}

void HttpFlow::record_message(const MessageHead& head, MessageEnd end, const std::string& detail,
                              const BodyResult& body) {
    const StartLine& l = head.line;
    std::vector<std::string> a = {"n", std::to_string(head.index), "offset", std::to_string(head.offset)};
    if (l.is_request) {
        a.insert(a.end(), {"method", l.method, "uri", l.target});
        if (head.headers.has("Host")) a.insert(a.end(), {"host", head.headers.get("Host")});
    } else {
        a.insert(a.end(), {"status", std::to_string(l.status)});
        if (!answered_.method.empty() && (l.status >= 200 || l.status == 101)) {
            a.insert(a.end(), {"request_method", answered_.method, "request_uri", answered_.target});
            if (!answered_.host.empty()) a.insert(a.end(), {"host", answered_.host});
        }
    }
    a.insert(a.end(), {"version", l.version, "framing", framing_name(head.framing.kind)});
    const auto add_header = [&](const char* attr, const char* field) {
        if (head.headers.has(field)) a.insert(a.end(), {attr, head.headers.get(field)});
    };
    add_header("content_type", "Content-Type");
    add_header("content_encoding", "Content-Encoding");
    add_header("content_length", "Content-Length");
    add_header("transfer_encoding", "Transfer-Encoding");
    a.insert(a.end(), {"body_bytes", std::to_string(body.raw_bytes)});
    if (!body.path.empty()) a.insert(a.end(), {"body_file", body.path, "body_file_bytes", std::to_string(body.written_bytes)});
    if (body.gap_bytes) a.insert(a.end(), {"gap_bytes", std::to_string(body.gap_bytes)});
    a.insert(a.end(), {"end", end_name(end)});
    std::string problems = detail;
    if (head.head_gap_bytes)
        problems += (problems.empty() ? "" : "; ") + std::string("gap of ") + std::to_string(head.head_gap_bytes) +
                    " bytes in the header block: the line it cut was dropped";
    if (!head.framing.problem.empty() && !head.framing.fatal) problems += (problems.empty() ? "" : "; ") + head.framing.problem;
    if (!body.problem.empty()) problems += (problems.empty() ? "" : "; ") + body.problem;
    if (!problems.empty()) a.insert(a.end(), {"error", problems});
    host_.add_xml_child(flow_, l.is_request ? "http_request" : "http_response", a);
}

void HttpFlow::on_stop(StopReason why, const std::string& detail, uint64_t offset) {
    if (why == StopReason::not_http) return;  // not an HTTP stream: nothing to say
    host_.add_xml_child(flow_, "http_stop", {"reason", stop_name(why), "offset", std::to_string(offset), "detail", detail});
}

}  // namespace http
}  // namespace tcpflow

namespace tcpflow {
namespace http {

void HttpFlow::on_lost_sync(const std::string& detail, uint64_t offset) {
    host_.add_xml_child(flow_, "http_lost_sync", {"offset", std::to_string(offset), "detail", detail});
}

}  // namespace http
}  // namespace tcpflow
