// The flow file writer: the sink that stores each flow direction in its own
// file under the output directory, named by FlowNamer.
//
// - The file is created at the flow's first data with O_CREAT|O_EXCL, trying
//   counter 0, 1, 2, ... exactly as tcpflow does, so FlowInfo.path is settled
//   before any other sink sees the data.
// - Bytes are buffered per flow and written with pwrite() in pieces of
//   per_flow_buffer; a small flow costs open + write + futimens + close. All
//   flows' buffers together are capped by max_buffered_bytes: past it the least
//   recently appended buffers are written out.
// - At most max_fds flow files are open; the least recently used is closed and
//   reopened (no O_EXCL, positioned writes) when it has data again.
// - Gaps read as zeros: later data is written past the hole (a sparse hole),
//   a trailing gap extends the file with ftruncate at close.
// - -b: bytes at stream offsets >= max_bytes are not written.
// - Spilling: out-of-order bytes the flow table moves out of memory are
//   written at their offset at once (as tcpflow writes everything) and read
//   back with pread() when they come in order, for the sinks after this one.
// - At close the file's atime/mtime become the flow's first packet time.
// - Durability: no byte waits in memory longer than flush_interval_ms of wall
//   time. Each buffer remembers the durability tick at which it got its first
//   unwritten byte (aging_, oldest first); flush_aged() writes out those past
//   the bound. Writes go in stream order, so after kill -9 a flow file is
//   always a prefix of its stream.
// Errors (ENOSPC, EACCES, ...): the first one throws std::runtime_error naming
// the path, so the run stops. From then on the writer writes nothing more and
// never throws: each flow it closes gets file_truncated when bytes delivered to
// it never reached its file, and stored_bytes = the file's size on disk.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "flow/flow_sink.h"
#include "output/flow_namer.h"
#include "output/lru_list.h"
#include "output/output_config.h"
#include "util/lazy_string.h"

namespace tcpflow {

/// What the writer did, for the report's totals.
struct FileWriterCounters {
    uint64_t files_created = 0;
    uint64_t fd_evictions = 0;      // files closed early because max_fds were open
    uint64_t reopenings = 0;        // evicted files opened again for more data
    uint64_t forced_flushes = 0;    // buffers written early because max_buffered_bytes was hit
    uint64_t bytes_written = 0;
    uint64_t bytes_past_limit = 0;  // delivered but not stored because of -b
    uint64_t write_calls = 0;
    uint64_t max_open_files = 0;    // most flow files open at once
    uint64_t bytes_spilled = 0;     // out-of-order bytes written ahead of delivery
    uint64_t bytes_read_back = 0;   // spilled bytes read back for the sinks after the writer
};

class FlowFileWriter : public FlowSink {
public:
    /// `cfg.max_fds` 0 means RLIMIT_NOFILE minus a reserve for the report,
    /// inputs, -w and scanner files. The namer is copied.
    FlowFileWriter(const OutputConfig& cfg, const FlowNamer& namer);
    /// Closes every file still open, swallowing errors (the flows' on_close is the place
    /// where errors are reported). Buffered bytes reach a file whose descriptor is still
    /// open; the flow table's on_discard is what writes the others (it can reopen them by
    /// their flow's path, which the destructor may no longer read).
    ~FlowFileWriter() override;
    FlowFileWriter(const FlowFileWriter&) = delete;
    FlowFileWriter& operator=(const FlowFileWriter&) = delete;

    void on_data(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) override;
    void on_gap(FlowInfo& flow, uint64_t offset, uint64_t len) override;
    void on_close(FlowInfo& flow) override;
    void on_discard(FlowInfo& flow) override;
    void on_end_of_run() override;
    bool can_spill() const override;
    bool on_spill(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) override;
    void read_back(FlowInfo& flow, uint64_t offset, uint8_t* out, size_t len) override;

    const FileWriterCounters& counters() const { return counters_; }
    size_t open_files() const { return fds_.size(); }    // the report's open_fds_at_end
    uint32_t max_fds() const { return max_fds_; }         // the resolved cap
    uint64_t buffered_bytes() const { return buffered_total_; }

    /// The durability tick. `now_ms` is a monotonic wall clock in ms; buffers (and -I index
    /// lines) whose first unwritten byte came at a tick `flush_interval_ms` or more before it
    /// are written out. Later buffers are stamped with `now_ms`. Throws on the first error.
    void flush_aged(uint64_t now_ms);
    /// A write failed: nothing more is written.
    bool failed() const { return failed_; }

private:
    /// A flow's file and its unwritten bytes (FlowInfo.file_state points here).
    struct FlowFile {
        // (ordered so that nothing leaves padding: one per open flow)
        const FlowInfo* flow = nullptr;   // its path is the file's (one copy per flow, not two)
        int fd = -1;
        bool created = false;
        bool index_started = false;       // part of the .findx file is on disk already
        bool lost = false;                // delivered bytes that never reached the file
        uint64_t zero_fill_to = 0;        // a trailing gap extends the file to here at close
        std::vector<uint8_t> buf;         // unwritten bytes of stream offsets [buf_offset, +size)
        uint64_t buf_offset = 0;
        LazyString index;                 // unwritten .findx lines (-Z only)
        uint64_t dirty_since_ms = 0;      // the tick at which it joined aging_
        LruLink<FlowFile> fd_link, buf_link, live_link, age_link;
    };

    FlowFile& state_of(FlowInfo& flow);
    size_t storable(uint64_t offset, size_t len) const;
    const OutputDir& dir();
    void create_file(FlowInfo& flow, FlowFile& f);
    void append(FlowFile& f, uint64_t offset, const uint8_t* data, size_t len);
    void write_at(FlowFile& f, uint64_t offset, const uint8_t* data, size_t len);
    int open_for_read_back(FlowFile& f);
    void flush(FlowFile& f);
    void relieve_memory();
    void ensure_open(FlowFile& f);
    void make_room_for_one_fd();
    void evict_one();
    void close_fd(FlowFile& f);
    void add_index_line(FlowFile& f, uint64_t offset, const Timestamp& ts, size_t len);
    void write_index(FlowFile& f, bool final_piece);
    void finish_file(FlowInfo& flow, FlowFile& f);
    void release(FlowInfo& flow, FlowFile* f);
    /// Writes what it can of a flow whose close will never come and closes its file,
    /// swallowing errors (the run is failing, or being torn down).
    void drop(FlowFile& f);
    /// The file's path: its flow's ("" once the flow is gone).
    static const std::string& path_of(const FlowFile& f);
    void make_dirty(FlowFile& f);
    void make_durable(FlowFile& f);
    [[noreturn]] void fail(FlowFile& f, const char* what, const std::string& path, int err);
    /// Writing stopped: this writer failed, or another -j worker's did (failed_together).
    bool stopped();
    void stop_writing();
    void close_failed(FlowInfo& flow, FlowFile& f);

    OutputConfig cfg_;
    FlowNamer namer_;
    uint32_t max_fds_;
    std::shared_ptr<const OutputDir> dir_;  // cfg_.dir, or the one dir() opened
    uint64_t buffered_total_ = 0;
    uint64_t now_ms_ = 0;   // the last durability tick
    bool failed_ = false;
    FileWriterCounters counters_;
    LruList<FlowFile, &FlowFile::fd_link> fds_;         // open fds, least recently used first
    LruList<FlowFile, &FlowFile::buf_link> buffered_;   // non-empty buffers, least recently appended first
    LruList<FlowFile, &FlowFile::live_link> live_;      // every FlowFile, so the destructor can free them
    LruList<FlowFile, &FlowFile::age_link> aging_;      // unwritten bytes (data or index), oldest first
};

}  // namespace tcpflow
