// Which copy wins when a segment overlaps bytes that are held (received out of
// order, not delivered yet). Bytes already delivered never change, whatever the
// policy: a retransmission over them is counted as duplicate and dropped.
#pragma once

namespace tcpflow {

enum class OverlapPolicy {
    FirstWins,  // held bytes stay; new bytes only fill holes (default)
    LastWins,   // new bytes overwrite held ones (tcpflow 1.6 writes over its file)
};

}  // namespace tcpflow
