#include "shard/shard_filter.h"
#include "flow/flow_bucket.h"
#include "flow/flow_key.h"

namespace tcpflow {

bool shard_keeps(const ShardSpec& s, const TcpSegment& seg) {
    return !s.active() || flow_bucket(flow_key_of(seg), s.count, BucketLevel::Shard) == s.index;
}

}  // namespace tcpflow
