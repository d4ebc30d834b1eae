// Are these reports the N shards of one run? --merge asks before touching
// anything: same N, every K from 0 to N-1 exactly once, and the same command
// line once what may differ between shards is set aside (--shard, -o, -w, -X,
// and inputs named shard-K-of-N.pcap by --shard-split).
#pragma once
#include <string>
#include <vector>
#include "shard/shard_report.h"

namespace tcpflow {

enum class ShardInputs {
    Whole,  // every shard read every input: input-wide counters are equal, kept once
    Split,  // each shard read its own --shard-split file: input-wide counters add up
};

/// Returns the reports ordered by shard index. Throws ShardMergeError naming
/// the problem (and, with `force` false, an interrupted or failed shard).
std::vector<ShardReport> check_shard_set(std::vector<ShardReport> reports, bool force, ShardInputs& inputs);

/// The command line with argv[0] and the options that differ between shards
/// left out, and split inputs of shard K written as shard-*-of-N.pcap. `split`
/// tells whether such an input was seen. (For tests and messages.)
std::string shard_invariant_command(const ShardReport& r, bool& split);

/// "shard-K-of-N.pcap": the file --shard-split writes for shard K.
std::string split_file_name(uint32_t index, uint32_t count);

}  // namespace tcpflow
