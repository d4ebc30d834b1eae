#include "output/flow_pcap_writer.h"
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include "capture/pcap_writer.h"
#include <stdexcept>
#include "output/exclusive_create.h"

namespace tcpflow {

namespace {
constexpr uint32_t kSnaplen = 262144;
// Many writers may be open at once (one per open flow direction, up to the descriptor
// limit). While few are, each gets kRoomyBuffer: few-big-flows -K took 0.65 s with 4 KiB
// buffers against 0.46 with 16. Past kRoomyWriters, a writer gets 4 KiB, as tcpflow 1.6.1's
// stdio buffers: with 16 KiB each, -K on 400 flows held open behind holes peaked 1.3 MiB
// over 1.6.1 + 20 MiB at -j 2 (ooo-no-file.sh). At most kRoomyWriters x 12 KiB more than
// 1.6.1 per worker, however many flows are open.
constexpr size_t kRoomyBuffer = 16 << 10;
constexpr size_t kRoomyWriters = 16;
constexpr size_t kWriterBuffer = 4 << 10;
constexpr size_t kClosedKept = 4096;         // closed directions that may still get stragglers
}  // namespace

struct FlowPcapWriter::State {
    std::string path;
    int dlt = 0;
    PcapWriter writer;
    bool is_open = false;
    bool opened_before = false;
    std::list<State*>::iterator pos;
    std::list<FlowKey>::iterator closed_pos;
};

FlowPcapWriter::FlowPcapWriter(std::shared_ptr<const OutputDir> dir, const FlowNamer& namer, uint32_t max_open)
    : dir_(std::move(dir)), namer_(namer), max_open_(max_open ? max_open : 1) {}

// States are owned through FlowInfo::pcap_state and freed in on_close; the flow
// table closes every flow before the sinks go away.
FlowPcapWriter::~FlowPcapWriter() = default;

FlowPcapWriter::State& FlowPcapWriter::state_of(FlowInfo& flow, const TcpSegment& seg) {
    if (flow.pcap_state) return *static_cast<State*>(flow.pcap_state);
    auto s = std::make_unique<State>();
    CreatedFile c = create_flow_file(namer_, *dir_, flow, ".pcap", [this] {
        if (open_.empty()) return false;
        close_writer(*open_.front());
        return true;
    });
    ::close(c.fd);  // reopened in ensure_open, like an evicted writer
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
    o.buffer_size = open_.size() < kRoomyWriters ? kRoomyBuffer : kWriterBuffer;
    o.append = true;  // empty new files get their header; reopened ones are appended to
    int fd = dir_->reopen(dir_->relative(s.path), O_WRONLY | O_APPEND);
    if (fd < 0) throw std::runtime_error(output_error("cannot reopen", s.path, errno));
    s.writer.open(fd, s.path, s.dlt, kSnaplen, o);
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

void FlowPcapWriter::on_open(FlowInfo& flow) { forget_closed(flow.key); }

void FlowPcapWriter::on_segment(FlowInfo& flow, const TcpSegment& seg) {
    if (seg.frame) write(state_of(flow, seg), seg);
}

void FlowPcapWriter::on_straggler(const TcpSegment& seg) {
    auto it = closed_.find(flow_key_of(seg));
    if (it != closed_.end() && seg.frame) write(*it->second, seg);
}

void FlowPcapWriter::write(State& s, const TcpSegment& seg) {
    ensure_open(s);
    RawPacket p;
    p.ts = seg.ts;
    p.dlt = seg.frame_dlt;
    p.caplen = seg.caplen;
    p.wirelen = seg.wirelen;
    p.data = seg.frame;
    s.writer.write(p);
}

void FlowPcapWriter::forget_closed(const FlowKey& key) {
    auto it = closed_.find(key);
    if (it == closed_.end()) return;
    close_writer(*it->second);
    closed_order_.erase(it->second->closed_pos);
    closed_.erase(it);
}

void FlowPcapWriter::on_close(FlowInfo& flow) {
    if (!flow.pcap_state) return;
    std::unique_ptr<State> s(static_cast<State*>(flow.pcap_state));
    flow.pcap_state = nullptr;
    close_writer(*s);
    // Keep the direction's pcap reachable by its 4-tuple for late packets.
    forget_closed(flow.key);
    s->closed_pos = closed_order_.insert(closed_order_.end(), flow.key);
    closed_.emplace(flow.key, std::move(s));
    if (closed_.size() > kClosedKept) forget_closed(closed_order_.front());
}

void FlowPcapWriter::on_end_of_run() {
    while (!open_.empty()) close_writer(*open_.front());
    closed_.clear();
    closed_order_.clear();
}

}  // namespace tcpflow
