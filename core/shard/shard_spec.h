// --shard K/N: which part of the connections this process records. K counts
// from 0 (0..N-1), as Slurm's --array=0-(N-1), Kubernetes' JOB_COMPLETION_INDEX
// and GNU parallel's {%}-1 do, so a scheduler's task index is K as is.
#pragma once
#include <cstdint>
#include <string>

namespace tcpflow {

struct TcpSegment;

struct ShardSpec {
    uint32_t index = 0;
    uint32_t count = 0;  // 0: not sharded (every connection)
    bool active() const { return count != 0; }
    /// Shard 0 also keeps what belongs to no connection (non-TCP packets for -w,
    /// packet-level scanners such as netviz), so the merged shards equal one run.
    bool keeps_packet_level() const { return index == 0; }
};

/// The largest N: more shards than this would be one per few connections.
constexpr uint32_t kMaxShards = 65536;

/// Parses "K/N" (0 <= K < N <= kMaxShards). Throws std::invalid_argument with
/// one line saying what is wrong.
ShardSpec parse_shard_spec(const std::string& text);

/// "K/N", as parse_shard_spec reads it.
std::string shard_text(const ShardSpec& s);

}  // namespace tcpflow
