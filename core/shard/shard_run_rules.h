// What a --shard K/N run does besides recording its connections, so that the
// merged shards equal one run: what belongs to no connection is kept by shard 0
// alone. Shards 1..N-1 write no -w file (shard 0's holds every packet that was
// not processed) and do not run scanners that watch every packet (netviz):
// shard 0 runs them on every packet, as one run would. Also refuses options
// that cannot be sharded.
#pragma once
#include "app/options.h"

namespace tcpflow {

class ScannerHost;

/// Applies the rules to `opt` and `host` (after host.configure, before start).
/// Throws UsageError for a combination --shard or --shard-split cannot serve.
void apply_shard_rules(Options& opt, ScannerHost& host);

}  // namespace tcpflow
