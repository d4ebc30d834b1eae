// tcpflow --merge [--force] [--link] OUT SHARD_DIR...: gathers the folders of
// the N shards of one run (--shard K/N) into OUT, as if one run had written it.
#pragma once

namespace tcpflow {

/// True when argv asks for a merge (argv[1] is --merge): a mode of its own.
bool is_merge_command(int argc, char** argv);

/// Runs the merge; returns the exit status (0; 2 a refused shard set or bad
/// arguments, nothing moved; 1 an I/O error while moving or writing).
int run_merge_command(int argc, char** argv);

/// The usage lines of --merge, for --help.
const char* merge_usage();

}  // namespace tcpflow
