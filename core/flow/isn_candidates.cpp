#include "flow/isn_candidates.h"

#include "reassembly/sequence_space.h"

namespace tcpflow {

bool IsnCandidates::announce(uint32_t isn) {
    for (int i = 0; i < count_; ++i)
        if (isn_[i] == isn) return false;
    isn_[next_] = isn;
    next_ = (next_ + 1) % kMax;
    if (count_ < kMax) ++count_;
    return count_ > 1;
}

bool IsnCandidates::acknowledged(uint32_t ack, uint32_t& isn) const {
    for (int i = 0; i < count_; ++i) {
        if (isn_[i] + 1 == ack) {
            isn = isn_[i];
            return true;
        }
    }
    return false;
}

uint32_t IsnCandidates::nearest(uint32_t seq) const {
    uint32_t best = isn_[0];
    uint64_t best_distance = UINT64_MAX;
    for (int i = 0; i < count_; ++i) {
        const int64_t d = sequence_delta(isn_[i] + 1, seq);
        const uint64_t a = static_cast<uint64_t>(d < 0 ? -d : d);
        if (a < best_distance) {
            best_distance = a;
            best = isn_[i];
        }
    }
    return best;
}

}  // namespace tcpflow
