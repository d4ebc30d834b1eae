// A batch of packets on their way from the reader to one -j worker: one
// contiguous byte buffer that holds every payload (and frame, when a sink needs
// the frame) and one descriptor per packet. Handing a packet over costs two
// appends and, once the buffers have grown to their working size, no allocation.
// The reader's pointers (into the capture buffer or the defragmenter) are only
// valid until its next packet, so the bytes are copied; the worker gets them
// back as a TcpSegment whose pointers point into this batch.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>
#include "decode/packet.h"
#include "pipeline/page_buffer.h"

namespace tcpflow {

class SegmentBatch {
public:
    /// A batch is handed over when it holds this many packets or `max_bytes` bytes: large
    /// enough that the queue hand-off (one lock) is rare, small enough to stay in cache.
    static constexpr size_t kMaxEntries = 256;
    static constexpr size_t kMaxBytes = 256 << 10;  // the default `max_bytes`

    explicit SegmentBatch(size_t max_bytes = kMaxBytes) : max_bytes_(max_bytes), bytes_(max_bytes) {}

    struct Entry {
        TcpSegment seg;            // payload and frame pointers cleared: see segment()
        uint32_t payload_at = 0;   // where the payload starts in bytes_
        uint32_t frame_at = 0;     // where the frame starts in bytes_ (when frame_len > 0)
        uint32_t frame_len = 0;    // copied frame bytes: 0 when no sink needs the frame
        bool has_segment = false;  // false: a packet event only (not TCP, or a held fragment)
        bool packet_event = false; // scanners' packet callback gets the frame
        int dlt = 0;               // of the frame, for the packet event
        Timestamp ts;
        uint32_t caplen = 0, wirelen = 0;
    };

    /// A decoded TCP segment. `frame` (caplen bytes of the captured frame) is copied when
    /// `copy_frame` (the -K writer or a packet event needs it); `packet_event` marks it for
    /// scanners' packet callback.
    void add_segment(const TcpSegment& seg, bool copy_frame, bool packet_event);
    /// A packet that reaches scanners' packet callback but no flow.
    void add_packet(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen, uint32_t wirelen);

    bool full() const { return entries_.size() >= kMaxEntries || bytes_.size() >= max_bytes_; }
    /// Whether add_segment(seg, copy_frame) keeps the batch within `max_bytes` (an empty
    /// batch takes anything). Hand the batch over first when it does not.
    bool has_room_for(const TcpSegment& seg, bool copy_frame) const { return has_room(bytes_needed(seg, copy_frame)); }
    /// Whether `bytes` more (add_packet's frame) keep the batch within `max_bytes`.
    bool has_room(size_t bytes) const { return entries_.empty() || bytes_.size() + bytes <= max_bytes_; }
    bool empty() const { return entries_.empty(); }
    size_t size() const { return entries_.size(); }
    const Entry& entry(size_t i) const { return entries_[i]; }
    /// Entry i's segment with its pointers into this batch (valid until clear()).
    TcpSegment segment(size_t i) const;
    /// Entry i's copied frame, or nullptr.
    const uint8_t* frame(size_t i) const;
    /// Empties the batch, keeping its buffers (their capacity is the batch's memory) unless one
    /// huge frame grew them past `max_bytes`.
    void clear();
    /// Empties the batch and gives its memory back to the system (the pool is over its share).
    void release();
    /// Whether the batch holds memory: it was filled since it was made or released.
    bool holds_memory() const { return bytes_.holds_memory() || entries_.capacity() > 0; }

    /// -R: whether the worker's flow table may open new flows for this batch's segments.
    bool start_new_flows = true;

private:
    uint32_t append(const uint8_t* data, size_t len);
    /// The bytes add_segment() appends: the frame when copied (the payload then lies inside
    /// it, but for a reassembled IP fragment) and the payload when it lies elsewhere.
    static size_t bytes_needed(const TcpSegment& seg, bool copy_frame);
    static bool payload_in_frame(const TcpSegment& seg);

    size_t max_bytes_;
    PageBuffer bytes_;
    std::vector<Entry> entries_;
};

}  // namespace tcpflow
