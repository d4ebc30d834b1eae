// The merged report.xml: shard 0's header, every shard's records (paths moved
// under the merged folder), and totals that equal what one run would count.
//   Per connection (flows, packets, segments of this shard, evictions by the
//   flow table...): summed over the shards.
//   Per input (packets_read, tcp_segments, non-TCP fates, IP fragments): every
//   shard that read the whole input counted them all, so they are kept once
//   (and must agree); shards of --shard-split files each counted their own
//   part, so they are summed.
//   max_open_flows and open_fds_at_end: summed (an upper bound of one run's).
//   rusage: times and counts summed, maxrss and clocktime the largest (the
//   shards ran side by side).
// The run metadata lists the shards in <merged_shards>.
#pragma once
#include <cstdio>
#include <string>
#include <vector>
#include "shard/shard_report.h"
#include "shard/shard_set_check.h"

namespace tcpflow {

/// Writes the merged report of `shards` (ordered by index, checked) to `out`.
/// Throws ShardMergeError when shards that read the same input disagree on a
/// per-input counter, std::runtime_error on a read error.
void write_merged_report(const std::vector<ShardReport>& shards, ShardInputs inputs, const std::string& merged_outdir,
                         FILE* out);

}  // namespace tcpflow
