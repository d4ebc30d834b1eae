// One flow direction seen by the http scanner: the parser's events turned
// into body objects and report records.
#pragma once
#include <tcpflow/sdk/scanner.hpp>

#include <memory>
#include <string>

#include "body_writer.h"
#include "connection_table.h"
#include "message_parser.h"

namespace tcpflow {
namespace http {

struct HttpSettings {
    BodySettings body;
    bool request_bodies = true;  ///< write request bodies (POST, PUT) too
};

class HttpFlow final : public ParserEvents {
public:
    HttpFlow(const sdk::Host& host, const tcpflow_flow& flow, ConnectionTable& connections,
             const HttpSettings& settings);
    ~HttpFlow() override;

    MessageParser& parser() { return parser_; }
    /// The flow ended: close the open body, write the last records.
    void close();

    std::string pair_response(const StartLine& line) override;
    bool tunnel_open() override;
    void on_head(const MessageHead& head) override;
    void on_body(const MessageHead& head, uint64_t offset, const uint8_t* data, size_t len) override;
    void on_body_gap(const MessageHead& head, uint64_t offset, uint64_t len) override;
    void on_message_end(const MessageHead& head, MessageEnd end, const std::string& detail) override;
    void on_stop(StopReason why, const std::string& detail, uint64_t offset) override;
    void on_lost_sync(const std::string& detail, uint64_t offset) override;

private:
    Connection* connection();
    void record_message(const MessageHead& head, MessageEnd end, const std::string& detail, const BodyResult& body);

    const sdk::Host& host_;
    const tcpflow_flow& flow_;
    ConnectionTable& connections_;
    const HttpSettings& settings_;
    const uint64_t session_;
    MessageParser parser_;
    std::unique_ptr<BodyWriter> body_;
    RequestSummary answered_;  // the request the current response answers
    bool closed_ = false;
};

/// "-HTTPBODY-001.html": tcpflow 1.6.1's body name suffix.
std::string body_suffix(uint64_t index, const std::string& content_type);

}  // namespace http
}  // namespace tcpflow
