#include "output/flow_pcap_writer.h"
#include <unistd.h>
#include "capture/pcap_writer.h"
#include "output/exclusive_create.h"

namespace tcpflow {

namespace {
constexpr uint32_t kSnaplen = 262144;
constexpr size_t kWriterBuffer = 16 << 10;  // many writers may be open at once
}  // namespace

struct FlowPcapWriter::State {
    std::string path;
    int dlt = 0;
    PcapWriter writer;
    bool is_open = false;
    bool opened_before = false;
    std::list<State*>::iterator pos;
};

FlowPcapWriter::FlowPcapWriter(const std::string& outdir, const FlowNamer& namer, uint32_t max_open)
    : outdir_(outdir), namer_(namer), max_open_(max_open ? max_open : 1) {}

// States are owned through FlowInfo::pcap_state and freed in on_close; the flow
// table closes every flow before the sinks go away.
FlowPcapWriter::~FlowPcapWriter() = default;

FlowPcapWriter::State& FlowPcapWriter::state_of(FlowInfo& flow, const TcpSegment& seg) {
    if (flow.pcap_state) return *static_cast<State*>(flow.pcap_state);
    auto s = std::make_unique<State>();
    CreatedFile c = create_flow_file(namer_, outdir_, flow, ".pcap", [this] {
        if (open_.empty()) return false;
        close_writer(*open_.front());
        return true;
    });
    ::close(c.fd);  // PcapWriter reopens it by name
    s->path = c.path;
    s->dlt = seg.frame_dlt;
    ++files_created_;
    flow.pcap_state = s.get();
    return *s.release();
}

void FlowPcapWriter::ensure_open(State& s) {
    if (s.is_open) {
        open_.splice(open_.end(), open_, s.pos);
        return;
    }
    while (open_.size() >= max_open_) close_writer(*open_.front());
    PcapWriterOptions o;
    o.buffer_size = kWriterBuffer;
    o.append = true;  // empty new files get their header; reopened ones are appended to
    s.writer.open(s.path, s.dlt, kSnaplen, o);
    if (s.opened_before) ++reopenings_;
    s.is_open = s.opened_before = true;
    s.pos = open_.insert(open_.end(), &s);
}

void FlowPcapWriter::close_writer(State& s) {
    if (!s.is_open) return;
    open_.erase(s.pos);
    s.is_open = false;
    s.writer.close();
}

void FlowPcapWriter::on_segment(FlowInfo& flow, const TcpSegment& seg) {
    if (!seg.frame) return;
    State& s = state_of(flow, seg);
    ensure_open(s);
    RawPacket p;
    p.ts = seg.ts;
    p.dlt = seg.frame_dlt;
    p.caplen = seg.caplen;
    p.wirelen = seg.wirelen;
    p.data = seg.frame;
    s.writer.write(p);
}

void FlowPcapWriter::on_close(FlowInfo& flow) {
    if (!flow.pcap_state) return;
    std::unique_ptr<State> s(static_cast<State*>(flow.pcap_state));
    flow.pcap_state = nullptr;
    close_writer(*s);
}

void FlowPcapWriter::on_end_of_run() {
    while (!open_.empty()) close_writer(*open_.front());
}

}  // namespace tcpflow
