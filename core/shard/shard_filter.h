// The one decision --shard K/N adds to the packet path: does this process
// record the connection a decoded segment belongs to? Called right after the
// decoder (so IP fragments are already reassembled and every fragment of a
// datagram lands with its connection); the bucket comes from flow_bucket(),
// the function that also picks -j's worker, so both directions of a
// connection always fall in the same shard.
#pragma once
#include "shard/shard_spec.h"

namespace tcpflow {

/// True when `seg`'s connection is recorded by shard `s` (always when not sharded).
bool shard_keeps(const ShardSpec& s, const TcpSegment& seg);

}  // namespace tcpflow
