// The initial sequence numbers one direction has announced in SYNs before its
// first data byte. A sender may retransmit its SYN or SYN-ACK with another ISN
// (TCP Fast Open servers, middleboxes, stacks that reuse a half-open socket);
// only one of them is the connection's: the one the peer acknowledges, or
// failing that the one the data follows. Until one of those settles it, the
// most recent SYN is believed.
#pragma once
#include <cstdint>

namespace tcpflow {

class IsnCandidates {
public:
    /// A SYN announced `isn`. Returns true when it differs from every ISN seen
    /// before (a conflict), false for the first one or a plain retransmission.
    bool announce(uint32_t isn);
    /// More than one ISN was announced and data has not settled the choice yet.
    bool unsettled() const { return count_ > 1 && !settled_; }
    /// The peer acknowledged `ack`: the candidate it confirms (ISN + 1 == ack),
    /// if any. Sets `isn` and returns true.
    bool acknowledged(uint32_t ack, uint32_t& isn) const;
    /// The candidate whose byte 0 lies nearest to the data at `seq`.
    uint32_t nearest(uint32_t seq) const;
    /// No more changes: data arrived, the choice is final.
    void settle() { settled_ = true; }

private:
    // A handful is plenty: a peer that keeps changing its ISN is already broken,
    // and a bounded array keeps the cost per flow fixed.
    static constexpr int kMax = 4;
    uint32_t isn_[kMax] = {};
    int count_ = 0;   // announced ISNs held (at most kMax; the oldest is replaced)
    int next_ = 0;    // slot the next new ISN goes to
    bool settled_ = false;
};

}  // namespace tcpflow
