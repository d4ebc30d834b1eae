// Pairs responses with requests across the two directions of a connection:
// the request flow queues each request as its head is parsed, the response
// flow takes them in order (pipelining keeps the order, RFC 7230 6.3.2).
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

namespace tcpflow {
namespace http {

struct RequestSummary {
    std::string method, target, host;
};

struct Connection {
    std::deque<RequestSummary> pending;  // requests not answered yet
    bool tunnel = false;                 // the server switched protocols
    int open_directions = 0;
};

class ConnectionTable {
public:
    /// A direction of connection `session` opened / closed; the entry lives while one is open.
    Connection& attach(uint64_t session);
    void detach(uint64_t session);
    Connection* find(uint64_t session);
    size_t size() const { return table_.size(); }

    /// Requests waiting for their response are capped so a one-sided capture
    /// cannot grow the queue without bound.
    static constexpr size_t kMaxPending = 10000;

private:
    std::unordered_map<uint64_t, Connection> table_;
};

}  // namespace http
}  // namespace tcpflow
