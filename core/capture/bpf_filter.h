// A tcpdump-style filter over packets of any link type. One capture may mix
// link types (pcapng interfaces), so the expression is compiled once per link
// type, on first use, and applied in user space.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "capture/packet_source.h"

namespace tcpflow {

/// "bad filter expression 'tcp port': syntax error", from pcap_geterr's text.
std::string bad_filter_message(const std::string& expr, const std::string& pcap_error);

class BpfFilter {
public:
    /// Throws CaptureError ("bad filter expression 'x': syntax error") when the
    /// expression does not compile for Ethernet. Empty matches everything.
    explicit BpfFilter(const std::string& expr);
    ~BpfFilter();
    BpfFilter(BpfFilter&&) noexcept;
    BpfFilter& operator=(BpfFilter&&) noexcept;

    /// Throws CaptureError when the expression cannot apply to the packet's
    /// link type (e.g. "ether host" on raw IP).
    bool matches(const RawPacket& p);
    const std::string& expression() const { return expr_; }
    bool empty() const { return expr_.empty(); }

private:
    struct Program;
    Program& program_for(int linktype);

    std::string expr_;
    std::vector<std::unique_ptr<Program>> programs_;  // one per link type seen
    Program* last_ = nullptr;  // most packets share the previous one's link type
};

}  // namespace tcpflow
