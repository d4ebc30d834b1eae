// A shard's report.xml as --merge needs it: who the shard is, how it was run,
// and the run totals, read line by line (tcpflow wrote it, one element per
// line outside the flow records), without holding the flow records in memory:
// they are streamed later by copy_shard_records.
#pragma once
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include "shard/shard_spec.h"

namespace tcpflow {

/// A shard set --merge refuses: what() is the one line to print.
struct ShardMergeError : std::runtime_error { using std::runtime_error::runtime_error; };

/// "<shard index='K' count='N' outdir='D'/>" for the report's run metadata; "" when not sharded.
std::string shard_element(const ShardSpec& s, const std::string& outdir);

using Counts = std::vector<std::pair<std::string, uint64_t>>;

struct ShardReport {
    std::string dir;           // the folder as named on the --merge command line
    std::string report_path;   // dir/report.xml
    ShardSpec shard;
    std::string outdir;        // -o as the shard run wrote it into file paths (escaped XML text)
    std::string command_line;  // unescaped
    std::vector<std::string> header;  // lines before the flow records, the <shard> line left out
    uint64_t records = 0;      // <fileobject> records
    std::string summary;       // what <summary> holds ("" for <summary />)
    Counts totals;             // open_fds_at_end ... total_packets, in order
    Counts unprocessed, evictions, counters, capture_stats;
    Counts rusage_int;         // maxrss ... oublock
    std::vector<std::pair<std::string, double>> rusage_time;  // utime, stime, clocktime
    std::vector<std::string> problem_lines;  // <run_error>, <interrupted .../>, <scanner_faults> block
    std::vector<std::string> other_lines;    // totals this merge does not know (a newer tcpflow's), as written
    bool interrupted = false;  // <interrupted> or <run_error>
    bool closed = false;       // ends with </dfxml>
};

/// Reads DIR/report.xml. Throws ShardMergeError (missing, not a shard's report, cut short).
ShardReport read_shard_report(const std::string& dir);

/// Streams `r`'s flow records to `out`, turning paths under the shard's folder into
/// paths under `merged_outdir` (as a run with -o merged_outdir names them).
/// Throws std::runtime_error on a read error.
void copy_shard_records(const ShardReport& r, const std::string& merged_outdir, FILE* out);

/// `line` with every path under the shard's folder moved under `merged_outdir`.
std::string rewrite_paths(const std::string& line, const ShardReport& r, const std::string& merged_outdir);

}  // namespace tcpflow
