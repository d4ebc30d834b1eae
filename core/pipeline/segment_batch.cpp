#include "pipeline/segment_batch.h"
#include <cstdint>

namespace tcpflow {

uint32_t SegmentBatch::append(const uint8_t* data, size_t len) {
    return static_cast<uint32_t>(bytes_.append(data, len));
}

bool SegmentBatch::payload_in_frame(const TcpSegment& seg) {
    const auto at = reinterpret_cast<uintptr_t>(seg.payload), from = reinterpret_cast<uintptr_t>(seg.frame);
    return seg.frame && seg.payload && at >= from && at - from + seg.payload_len <= seg.caplen;
}

size_t SegmentBatch::bytes_needed(const TcpSegment& seg, bool copy_frame) {
    const bool frame = copy_frame && seg.frame;
    return (frame ? seg.caplen : 0) + (frame && payload_in_frame(seg) ? 0 : seg.payload_len);
}

void SegmentBatch::add_segment(const TcpSegment& seg, bool copy_frame, bool packet_event) {
    Entry e;
    e.seg = seg;
    e.seg.payload = nullptr;
    e.seg.frame = nullptr;
    e.has_segment = true;
    e.packet_event = packet_event;
    if (copy_frame && seg.frame) {
        e.frame_len = seg.caplen;
        e.frame_at = append(seg.frame, seg.caplen);
    }
    // A payload inside the copied frame (every packet but a reassembled IP fragment) is
    // found there: copying it again doubled the reader's copying whenever frames travel.
    if (e.frame_len && payload_in_frame(seg))
        e.payload_at = e.frame_at + static_cast<uint32_t>(seg.payload - seg.frame);
    else
        e.payload_at = append(seg.payload, seg.payload_len);
    e.dlt = seg.frame_dlt;
    e.ts = seg.ts;
    e.caplen = seg.caplen;
    e.wirelen = seg.wirelen;
    entries_.push_back(e);
}

void SegmentBatch::add_packet(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen, uint32_t wirelen) {
    Entry e;
    e.packet_event = true;
    e.dlt = dlt;
    e.ts = ts;
    e.caplen = caplen;
    e.wirelen = wirelen;
    e.frame_len = caplen;
    e.frame_at = append(frame, caplen);
    entries_.push_back(e);
}

TcpSegment SegmentBatch::segment(size_t i) const {
    const Entry& e = entries_[i];
    TcpSegment s = e.seg;
    s.payload = e.seg.payload_len ? bytes_.data() + e.payload_at : nullptr;
    s.frame = frame(i);
    return s;
}

const uint8_t* SegmentBatch::frame(size_t i) const {
    const Entry& e = entries_[i];
    return e.frame_len ? bytes_.data() + e.frame_at : nullptr;
}

void SegmentBatch::clear() {
    bytes_.clear();
    entries_.clear();
    start_new_flows = true;
}

void SegmentBatch::release() {
    bytes_.release();
    std::vector<Entry>().swap(entries_);
    start_new_flows = true;
}

}  // namespace tcpflow
