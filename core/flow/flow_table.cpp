// Flow lifecycle. A direction is created by its first SYN or first data byte,
// lives in an intrusive LRU list ordered by last activity (packet time), and is
// closed by FIN (once every byte before it was delivered), RST, idle timeout,
// a sequence jump larger than -m, a new SYN on the same 4-tuple, the live-flow
// cap, or the end of input. Closing flushes the reassembler (holes become gap
// events) and hands the flow to every sink's on_close, in sink order.
#include "flow/flow_table.h"
#include "flow/connection_id.h"
#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace tcpflow {

struct FlowTable::Flow {
    // Ordered so that nothing leaves padding (flow_info.h says why).
    FlowInfo info;
    StreamReassembler rs;
    uint64_t pending_seen = 0;  // rs.memory_used() as last accounted in pending_total_
    uint64_t scratch_seen = 0;  // its charge in the scratch file, as accounted in scratch_total_
    std::list<Flow*>::iterator holder_it;
    FlowSink* spill_keeper = nullptr;  // the sink that took its spilled bytes
    Flow* prev = nullptr;
    Flow* next = nullptr;
    IsnCandidates isns;                // ISNs its SYNs announced before data
    bool has_data = false;
    bool holding = false;              // listed in holders_
    bool isn_tracked = false;          // counted in unsettled_isns_

    explicit Flow(const ReassemblyConfig& rc) : rs(rc) { info.reassembly = &rs.stats(); }

    /// What its bytes in `scratch` cost (ScratchSpill::charge): 0 unless it is the keeper.
    uint64_t scratch_charge(const ScratchSpill* scratch) const {
        return scratch && spill_keeper == scratch ? scratch->charge(info) : 0;
    }
};

// Adapts reassembler output to the sinks of one flow.
class FlowTable::Delivery : public ReassemblyOutput {
public:
    Delivery(FlowTable& table, Flow& flow)
        : sinks_(table.sinks_), scratch_(table.scratch_.get()), sink_can_spill_(table.sink_can_spill_),
          flow_(flow), info_(flow.info) {}
    void deliver(uint64_t offset, const uint8_t* data, size_t len) override {
        for (FlowSink* s : sinks_) s->on_data(info_, offset, data, len);
        if (offset + len > info_.logical_size) info_.logical_size = offset + len;
    }
    void gap(uint64_t offset, uint64_t len) override {
        for (FlowSink* s : sinks_) s->on_gap(info_, offset, len);
        if (offset + len > info_.logical_size) info_.logical_size = offset + len;
    }

    bool spill(uint64_t offset, const uint8_t* data, size_t len) override {
        if (flow_.spill_keeper) return flow_.spill_keeper->on_spill(info_, offset, data, len);
        for (FlowSink* s : sinks_) {
            if (s->on_spill(info_, offset, data, len)) {
                flow_.spill_keeper = s;
                return true;
            }
        }
        // No sink can keep them (-c, -FX, -K, -s, past -b): the scratch file can.
        if (scratch_ && scratch_->on_spill(info_, offset, data, len)) {
            flow_.spill_keeper = scratch_;
            return true;
        }
        return false;
    }
    uint64_t spilled_charge() const override {
        return flow_.scratch_charge(scratch_);
    }
    bool spill_relieves() const override {
        // A sink keeps them (it is output in its own right), or will: only the scratch file charges.
        return flow_.spill_keeper ? flow_.spill_keeper != scratch_ : sink_can_spill_;
    }
    void deliver_spilled(uint64_t offset, uint64_t len) override {
        FlowSink* keeper = flow_.spill_keeper;
        if (offset + len > info_.logical_size) info_.logical_size = offset + len;
        bool wanted = false;
        for (FlowSink* s : sinks_) wanted = wanted || (s != keeper && s->wants_data());
        if (!wanted || !keeper) return;  // the keeper has the bytes already
        // Read back in pieces: the bytes left memory so that memory stays small.
        constexpr uint64_t kPiece = 256 << 10;
        std::vector<uint8_t> buf(static_cast<size_t>(std::min(len, kPiece)));
        while (len > 0) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(len, buf.size()));
            keeper->read_back(info_, offset, buf.data(), n);
            for (FlowSink* s : sinks_)
                if (s != keeper) s->on_data(info_, offset, buf.data(), n);
            offset += n;
            len -= n;
        }
    }

private:
    const std::vector<FlowSink*>& sinks_;
    ScratchSpill* scratch_;
    bool sink_can_spill_;
    Flow& flow_;
    FlowInfo& info_;
};

const char* close_reason_name(CloseReason r) {
    switch (r) {
        case CloseReason::Fin: return "fin";
        case CloseReason::Rst: return "rst";
        case CloseReason::Timeout: return "timeout";
        case CloseReason::Jump: return "jump";
        case CloseReason::NewSyn: return "new_syn";
        case CloseReason::EndOfInput: return "end_of_input";
        case CloseReason::Evicted: return "evicted";
    }
    return "unknown";
}

FlowTable::FlowTable(const FlowConfig& cfg, std::vector<FlowSink*> sinks)
    : cfg_(cfg), sinks_(std::move(sinks)), closed_(cfg.closed_memory),
      next_flow_id_(cfg.first_id), next_session_id_(cfg.first_id) {
    for (FlowSink* s : sinks_) {
        sink_can_spill_ = sink_can_spill_ || s->can_spill();
        if (s->groups_deliveries()) grouping_.push_back(s);
    }
    can_spill_ = sink_can_spill_;
    if (cfg_.spill_dirfd >= 0) {
        scratch_ = std::make_unique<ScratchSpill>(cfg_.spill_dirfd, cfg_.spill_dir_name);
        can_spill_ = true;
    }
}

FlowTable::~FlowTable() {
    // Sinks may point into a flow's FlowInfo (the file writer uses its path).
    for (auto& entry : flows_)
        for (FlowSink* s : sinks_) {
            try {
                s->on_discard(entry.second->info);
            } catch (...) {
                // The run is failing already; the first error is the one reported.
            }
        }
}

FlowTable::Flow* FlowTable::find(const FlowKey& key) {
    auto it = flows_.find(key);
    return it == flows_.end() ? nullptr : it->second.get();
}

bool FlowTable::process(const TcpSegment& seg) {
    const bool taken = process_segment(seg);
    for (FlowSink* s : grouping_) s->on_deliveries_done();
    return taken;
}

bool FlowTable::process_segment(const TcpSegment& seg) {
    ++stats_.segments;
    if (cfg_.tcp_timeout) expire_idle(seg.ts);

    const FlowKey key = flow_key_of(seg);
    const bool syn = seg.flags & kSyn;
    const bool rst = seg.flags & kRst;
    Flow* f = find(key);
    if (unsettled_isns_ && (seg.flags & kAck)) follow_acknowledged_isn(key, seg.ack);

    if (f && syn && f->info.saw_syn && seg.seq != f->rs.first_seq() - 1 &&
        !syn_of_same_connection(*f, key, seg)) {
        // A SYN with another ISN: the 4-tuple was reused by a new connection.
        ++stats_.new_syn_splits;
        close(f, CloseReason::NewSyn);
        f = nullptr;
    }
    if (f && seg.payload_len > 0 && f->isn_tracked) settle_isn_by_data(*f, seg.seq);
    // The jump test applies from the first data on: data far from a SYN's ISN
    // starts a new flow as in tcpflow, instead of a huge hole in this one.
    if (f && seg.payload_len > 0 && f->rs.started()) {
        int64_t d = f->rs.distance(seg.seq);
        if (static_cast<uint64_t>(d < 0 ? -d : d) > cfg_.max_seek) {
            ++stats_.jumps;
            close(f, CloseReason::Jump);
            f = nullptr;
        }
    }
    if (!f) {
        if (!syn && seg.payload_len == 0) {
            ++stats_.ignored_no_flow;
            return false;
        }
        if (!cfg_.start_new_flows) {
            ++stats_.ignored_new_under_R;
            return false;
        }
        if (closed_.covers(key, seg.seq, seg.payload_len)) {
            ++stats_.late_retransmissions;
            return false;
        }
        f = create(key, seg);
    }

    ++stats_.attributed;
    FlowInfo& info = f->info;
    ++info.packets;
    info.wire_bytes += seg.wirelen;
    info.cap_bytes += seg.caplen;
    touch(*f, seg.ts);
    if (!info.has_mac && seg.has_mac) {
        info.has_mac = true;
        std::memcpy(info.mac_src, seg.mac_src, 6);
        std::memcpy(info.mac_dst, seg.mac_dst, 6);
    }

    for (FlowSink* s : sinks_) s->on_segment(info, seg);
    if (seg.payload_len > 0) add_data(*f, seg);
    if (seg.flags & kFin) f->rs.fin(seg.seq + seg.payload_len + (syn ? 1 : 0));

    if (!cfg_.purge) return true;  // -P: FIN and RST leave the flow in the table until the end
    if (rst) {
        close(f, CloseReason::Rst);
    } else if ((seg.flags & kFin || seg.payload_len > 0) && f->rs.complete()) {
        close(f, CloseReason::Fin);
    }
    return true;
}

// Before data, a SYN with another ISN is a candidate for byte 0 (the latest is
// believed until the peer's ACK or the first data decides). After data, a
// SYN-ACK that acknowledges the client's byte 0 while the client has sent data
// is a stray of this connection: ignored. Otherwise the 4-tuple was reused.
bool FlowTable::syn_of_same_connection(Flow& f, const FlowKey& key, const TcpSegment& seg) {
    if (!f.has_data) {
        if (f.isns.announce(seg.seq)) ++stats_.syn_isn_changes;
        if (f.isns.unsettled() && !f.isn_tracked) {
            f.isn_tracked = true;
            ++unsettled_isns_;
        }
        f.rs.restart_with_syn(seg.seq);
        return true;
    }
    if (!(seg.flags & kAck)) return false;
    const Flow* peer = find(key.reversed());
    if (!peer || !peer->has_data || !peer->info.saw_syn || seg.ack != peer->rs.first_seq()) return false;
    ++stats_.syn_isn_changes;
    return true;
}

void FlowTable::follow_acknowledged_isn(const FlowKey& key, uint32_t ack) {
    Flow* peer = find(key.reversed());
    uint32_t isn;
    if (!peer || !peer->isn_tracked || !peer->isns.acknowledged(ack, isn)) return;
    peer->rs.restart_with_syn(isn);
    // Decided: no more lookups per ACK for it, unless yet another SYN comes.
    peer->isn_tracked = false;
    --unsettled_isns_;
}

void FlowTable::settle_isn_by_data(Flow& f, uint32_t seq) {
    // Data the peer has not acknowledged yet may still tell: it follows its ISN.
    const uint32_t isn = f.isns.nearest(seq);
    if (isn != f.rs.first_seq() - 1) f.rs.restart_with_syn(isn);
    stop_tracking_isn(f);
}

void FlowTable::stop_tracking_isn(Flow& f) {
    f.isns.settle();
    if (f.isn_tracked) {
        f.isn_tracked = false;
        --unsettled_isns_;
    }
}

FlowTable::Flow* FlowTable::create(const FlowKey& key, const TcpSegment& seg) {
    auto owned = std::make_unique<Flow>(cfg_.reassembly);
    Flow* f = owned.get();
    FlowInfo& info = f->info;
    info.key = key;
    info.flow_id = next_flow_id_;
    next_flow_id_ += cfg_.id_step;
    Flow* reverse = find(key.reversed());
    if (reverse) {
        info.session_id = reverse->info.session_id;
    } else {
        info.session_id = next_session_id_;
        next_session_id_ += cfg_.id_step;
    }
    info.first_ts = info.last_ts = seg.ts;
    if (reverse) {
        info.connection_id = reverse->info.connection_id;
        info.connection_start = reverse->info.connection_start;
        info.connection_nth = reverse->info.connection_nth;
    } else {
        info.connection_start = seg.ts;
        info.connection_nth = closed_.connection_nth(key, seg.ts);
        info.connection_id = connection_id(key, seg.ts, info.connection_nth);
    }
    if (seg.flags & kSyn) {
        info.saw_syn = true;
        info.client_to_server = !(seg.flags & kAck);
        f->rs.start_with_syn(seg.seq);
        f->isns.announce(seg.seq);
    } else {
        f->rs.start_midstream(seg.seq);
    }
    closed_.forget(key);
    flows_.emplace(key, std::move(owned));
    ++stats_.flows_created;
    if (flows_.size() > stats_.max_open_flows) stats_.max_open_flows = flows_.size();
    for (FlowSink* s : sinks_) s->on_open(info);
    enforce_flow_cap();
    return f;
}

void FlowTable::add_data(Flow& f, const TcpSegment& seg) {
    Delivery out(*this, f);
    if (seg.flags & kSyn)
        f.rs.add_syn_payload(seg.seq, seg.payload, seg.payload_len, out);
    else
        f.rs.add(seg.seq, seg.payload, seg.payload_len, out);
    f.has_data = true;
    account_pending(f);
    if (can_spill_ && pending_total_ > cfg_.max_pending_memory) spill_oldest();
    if (held_total() > cfg_.max_pending_total) enforce_pending_cap(f);
}

void FlowTable::account_pending(Flow& f) {
    const uint64_t now_pending = f.rs.memory_used();
    pending_total_ = pending_total_ - f.pending_seen + now_pending;
    f.pending_seen = now_pending;
    if (scratch_) {
        const uint64_t now_scratch = f.scratch_charge(scratch_.get());
        scratch_total_ = scratch_total_ - f.scratch_seen + now_scratch;
        f.scratch_seen = now_scratch;
    }
    const bool holds = f.rs.pending_bytes() > 0;
    if (holds && !f.holding) {
        f.holder_it = holders_.insert(holders_.end(), &f);
        f.holding = true;
    } else if (!holds && f.holding) {
        holders_.erase(f.holder_it);
        f.holding = false;
    }
}

void FlowTable::spill_oldest() {
    // Down to 3/4 of the budget, so the next few segments do not each spill.
    const uint64_t target = cfg_.max_pending_memory - cfg_.max_pending_memory / 4;
    auto it = holders_.begin();
    while (pending_total_ > target && it != holders_.end()) {
        Flow& f = **it;
        ++it;  // accounting may unlist f
        Delivery out(*this, f);
        const bool all = f.rs.spill(out);
        account_pending(f);
        ++stats_.pending_spills;
        if (!all && f.holding) {
            // Refused (past -b, ...): not offered again until it holds more.
            holders_.erase(f.holder_it);
            f.holding = false;
        }
    }
}

void FlowTable::enforce_pending_cap(Flow& current) {
    // Give up the holes of the flows that have waited longest, starting with
    // the one that just grew, until the total is back under the cap.
    auto release = [&](Flow& f) {
        if (f.pending_seen == 0 && f.scratch_seen == 0) return;
        Delivery out(*this, f);
        f.rs.flush(out);
        account_pending(f);
        ++stats_.pending_cap_flushes;
    };
    release(current);
    for (Flow* f = lru_head_; f && held_total() > cfg_.max_pending_total; f = f->next) release(*f);
}

void FlowTable::touch(Flow& f, const Timestamp& ts) {
    if (f.info.last_ts < ts) f.info.last_ts = ts;
    if (lru_tail_ == &f) return;
    // unlink
    if (f.prev) f.prev->next = f.next;
    if (f.next) f.next->prev = f.prev;
    if (lru_head_ == &f) lru_head_ = f.next;
    // append
    f.prev = lru_tail_;
    f.next = nullptr;
    if (lru_tail_) lru_tail_->next = &f;
    lru_tail_ = &f;
    if (!lru_head_) lru_head_ = &f;
}

void FlowTable::expire_idle(const Timestamp& now) {
    while (lru_head_) {
        Flow* f = lru_head_;
        if (now.sec - f->info.last_ts.sec <= static_cast<int64_t>(cfg_.tcp_timeout)) break;
        ++stats_.timeouts;
        close(f, CloseReason::Timeout);
    }
}

void FlowTable::enforce_flow_cap() {
    while (flows_.size() > cfg_.max_flows && lru_head_ && lru_head_ != lru_tail_) {
        ++stats_.evicted_flow_cap;
        close(lru_head_, CloseReason::Evicted);
    }
}

void FlowTable::close(Flow* f, CloseReason why) {
    Delivery out(*this, *f);
    f->rs.flush(out);
    account_pending(*f);
    f->info.close_reason = why;
    stop_tracking_isn(*f);
    for (FlowSink* s : sinks_) s->on_close(f->info);
    if (scratch_) {
        // Every flow, whatever its keeper: a spill that failed half way may have left chunks.
        scratch_->forget(f->info);
        scratch_total_ -= f->scratch_seen;
        f->scratch_seen = 0;
    }

    remember_closed(*f);

    if (f->prev) f->prev->next = f->next;
    if (f->next) f->next->prev = f->prev;
    if (lru_head_ == f) lru_head_ = f->next;
    if (lru_tail_ == f) lru_tail_ = f->prev;
    f->prev = f->next = nullptr;

    flows_.erase(f->info.key);
}

void FlowTable::remember_closed(const Flow& f) {
    // What the direction covered, so stragglers are recognised; its holes are
    // not covered: data landing there was never stored and must not be dropped.
    const uint32_t syn = f.info.saw_syn ? 1 : 0;
    const uint32_t first = f.rs.first_seq();
    uint64_t covered = f.rs.highest_offset();
    const std::vector<GapRecord>& gaps = f.rs.stats().gaps;
    // Past the last recorded hole there may be holes that were not recorded.
    if (gaps.size() >= StreamReassembler::kMaxGapRecords) covered = gaps.back().offset;
    std::vector<ClosedFlows::Hole> holes;
    for (const GapRecord& g : gaps)
        if (g.offset < covered)
            holes.push_back({static_cast<uint32_t>(g.offset + syn), static_cast<uint32_t>(g.length)});
    uint32_t end = first + static_cast<uint32_t>(covered);
    closed_.remember(f.info.key, first - syn, end + 1, std::move(holes));
    closed_.remember_connection(f.info.key, f.info.connection_start, f.info.connection_nth);
}

void FlowTable::close_all(CloseReason why) {
    while (lru_head_) {
        close(lru_head_, why);
        for (FlowSink* s : grouping_) s->on_deliveries_done();
    }
    for (FlowSink* s : sinks_) s->on_end_of_run();
}

}  // namespace tcpflow
