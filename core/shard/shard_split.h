// --shard-split N -o DIR -r FILE...: one pass over the captures writes
// DIR/shard-K-of-N.pcap for K = 0..N-1, each holding the packets of the
// connections of shard K (the --shard rule, IP fragments reassembled to
// decide, the original frames written). Everything else (non-TCP, frames that
// do not decode, fragments of datagrams that never complete) goes to shard 0,
// as --shard K/N keeps it in shard 0. A task then reads only its own file.
#pragma once
#include "app/options.h"
#include "app/run_config.h"

namespace tcpflow {

/// The most files one split writes at once (one descriptor and buffer each).
constexpr uint32_t kMaxSplitShards = 1024;

/// Runs the split; returns the exit status (0, 1 I/O error, 2 usage).
int run_shard_split(const Options& opt, const RunConfig& cfg);

}  // namespace tcpflow
