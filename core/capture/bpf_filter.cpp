#include "capture/bpf_filter.h"

#include <pcap/pcap.h>

#include "capture/capture_limits.h"
#include "capture/linktype.h"

namespace tcpflow {

std::string bad_filter_message(const std::string& expr, const std::string& pcap_error) {
    // libpcap prefixes every parse error with this; our line already says it.
    static const std::string kNoise = "can't parse filter expression: ";
    std::string why = pcap_error.compare(0, kNoise.size(), kNoise) == 0 ? pcap_error.substr(kNoise.size()) : pcap_error;
    return "bad filter expression '" + expr + "': " + why;
}

// The snaplen compiled in only sets the filter's non-zero "accept" value,
// which we read as a boolean, so one program per link type is enough.
struct BpfFilter::Program {
    int linktype = 0;
    bpf_program code{};

    Program(const std::string& expr, int lt) : linktype(lt) {
        pcap_t* dead = pcap_open_dead(dlt_from_linktype(lt), static_cast<int>(kDefaultMaxCaplen));
        if (!dead) throw CaptureError("filter '" + expr + "': out of memory");
        int rc = pcap_compile(dead, &code, expr.c_str(), 1, PCAP_NETMASK_UNKNOWN);
        std::string err = rc != 0 ? pcap_geterr(dead) : "";
        pcap_close(dead);  // the compiled program does not refer to it
        if (rc != 0) throw CaptureError(describe_error(expr, lt, err));
    }
    ~Program() { pcap_freecode(&code); }
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    static std::string describe_error(const std::string& expr, int lt, const std::string& err) {
        if (lt == DLT_EN10MB) return bad_filter_message(expr, err);
        return "filter '" + expr + "' cannot be applied to link type " + std::to_string(lt) + ": " + err;
    }
};

BpfFilter::BpfFilter(const std::string& expr) : expr_(expr) {
    // Syntax errors should stop the program before it reads anything.
    if (!expr_.empty()) last_ = &program_for(DLT_EN10MB);
}

BpfFilter::~BpfFilter() = default;
BpfFilter::BpfFilter(BpfFilter&&) noexcept = default;
BpfFilter& BpfFilter::operator=(BpfFilter&&) noexcept = default;

BpfFilter::Program& BpfFilter::program_for(int linktype) {
    for (auto& p : programs_)
        if (p->linktype == linktype) return *p;
    programs_.push_back(std::make_unique<Program>(expr_, linktype));
    return *programs_.back();
}

bool BpfFilter::matches(const RawPacket& p) {
    if (expr_.empty()) return true;
    if (!last_ || last_->linktype != p.dlt) last_ = &program_for(p.dlt);
    pcap_pkthdr h{};
    h.ts.tv_sec = static_cast<time_t>(p.ts.sec);
    h.ts.tv_usec = static_cast<suseconds_t>(p.ts.nsec / 1000);
    h.caplen = p.caplen;
    h.len = p.wirelen;
    return pcap_offline_filter(&last_->code, &h, p.data) != 0;
}

}  // namespace tcpflow
