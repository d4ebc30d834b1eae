// Settings of the file writer and the report, filled in from the command line.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace tcpflow {

class OutputDir;

struct OutputConfig {
    std::string outdir = ".";       // -o; "." means names carry no prefix
    std::shared_ptr<const OutputDir> dir;  // -o opened once for everyone; null: opened on first use
    bool store_output = true;       // -FX clears it
    uint64_t max_bytes = 0;         // -b: bytes stored per flow file (0 = no limit)
    uint32_t max_fds = 0;           // -f: open flow files at once (0 = derived from RLIMIT_NOFILE)
    uint64_t max_buffered_bytes = 64ull << 20;  // all flows' unwritten bytes; past it the largest buffers are flushed
    uint32_t per_flow_buffer = 64 << 10;        // a flow's buffer is written out when it reaches this
    /// -S flush_interval: the longest a byte may wait in memory (wall time, ms) before it is
    /// written, so kill -9 loses at most this much; 0 = every byte is written at once.
    uint32_t flush_interval_ms = 1000;
    bool write_index = false;       // -I: <flow>.findx
    bool strip_nonprintable = false;  // -s also applies to stored files
    /// -j N: shared by every worker's writer. The first write error sets it, and every writer
    /// then stops writing as the one that failed does, so a full disk is one error, not N.
    std::shared_ptr<std::atomic<bool>> failed_together;
};

}  // namespace tcpflow
