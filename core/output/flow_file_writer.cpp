#include "output/flow_file_writer.h"
#include "util/full_io.h"
#include "output/failure_echo.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output/exclusive_create.h"
#include "output/number_format.h"
#include "output/output_dir.h"

namespace tcpflow {

namespace {

// Descriptors kept free for the report, the inputs, -w, -K and scanner files.
constexpr uint64_t kFdReserve = 64;
// A flushed buffer bigger than this gives its memory back: thousands of idle
// long-lived flows must not each keep per_flow_buffer bytes allocated.
constexpr size_t kKeptCapacity = 16 << 10;
// Pieces at least this big skip the per-flow buffer (see append()).
constexpr size_t kDirectWriteBytes = 16 << 10;

uint32_t resolve_max_fds(uint32_t configured) {
    if (configured) return configured;
    struct rlimit rl;
    uint64_t limit = 1024;
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0)
        limit = rl.rlim_cur == RLIM_INFINITY ? 65536 : static_cast<uint64_t>(rl.rlim_cur);
    uint64_t cap = limit > 2 * kFdReserve ? limit - kFdReserve : std::max<uint64_t>(limit / 2, 1);
    return static_cast<uint32_t>(std::min<uint64_t>(cap, UINT32_MAX));
}

bool is_printable(uint8_t c) { return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r'; }

/// The size of a flow file on disk (0 when it cannot be read).
uint64_t size_on_disk(int fd, const std::string& path) {
    struct stat st;
    bool ok = fd >= 0 ? ::fstat(fd, &st) == 0 : ::stat(path.c_str(), &st) == 0;
    return ok ? static_cast<uint64_t>(st.st_size) : 0;
}

}  // namespace

FlowFileWriter::FlowFileWriter(const OutputConfig& cfg, const FlowNamer& namer)
    : cfg_(cfg), namer_(namer), max_fds_(resolve_max_fds(cfg.max_fds)), dir_(cfg.dir) {}

const OutputDir& FlowFileWriter::dir() {
    if (!dir_) dir_ = std::make_shared<OutputDir>(cfg_.outdir);  // a writer made without the run's folder
    return *dir_;
}

FlowFileWriter::~FlowFileWriter() {
    while (FlowFile* f = live_.front()) {
        // Its flow may be gone without on_discard (a FlowInfo that is not the flow
        // table's): the path must not be read, so an evicted descriptor stays closed.
        f->flow = nullptr;
        drop(*f);
        delete f;
    }
}

void FlowFileWriter::drop(FlowFile& f) {
    try {
        if (!failed_) flush(f);
        close_fd(f);
    } catch (const std::exception&) {
        // Errors were already reported by the flow's own on_close, or the run is failing anyway.
        if (f.fd >= 0) ::close(f.fd);
        f.fd = -1;
        fds_.remove(&f);
    }
    if (!f.buf.empty()) buffered_total_ -= f.buf.size();
    buffered_.remove(&f);
    aging_.remove(&f);
    live_.remove(&f);
}

void FlowFileWriter::on_discard(FlowInfo& flow) {
    if (!flow.file_state) return;
    FlowFile* f = static_cast<FlowFile*>(flow.file_state);
    drop(*f);
    delete f;
    flow.file_state = nullptr;
}

const std::string& FlowFileWriter::path_of(const FlowFile& f) {
    static const std::string kNone;
    return f.flow ? f.flow->path : kNone;
}

bool FlowFileWriter::stopped() {
    if (!failed_ && cfg_.failed_together && cfg_.failed_together->load(std::memory_order_relaxed)) failed_ = true;
    return failed_;
}

void FlowFileWriter::stop_writing() {
    failed_ = true;
    if (cfg_.failed_together) cfg_.failed_together->store(true, std::memory_order_relaxed);
}

[[noreturn]] void FlowFileWriter::fail(FlowFile& f, const char* what, const std::string& path, int err) {
    // Another worker's writer failed first (the same full disk, at the same moment): its
    // error is the one reported.
    const bool echo = cfg_.failed_together && cfg_.failed_together->exchange(true);
    stop_writing();
    f.lost = true;
    if (echo) throw FailureEcho(output_error(what, path, err));
    throw std::runtime_error(output_error(what, path, err));
}

FlowFileWriter::FlowFile& FlowFileWriter::state_of(FlowInfo& flow) {
    if (!flow.file_state) {
        FlowFile* f = new FlowFile;
        f->flow = &flow;
        live_.push_back(f);
        flow.file_state = f;
    }
    return *static_cast<FlowFile*>(flow.file_state);
}

size_t FlowFileWriter::storable(uint64_t offset, size_t len) const {
    if (cfg_.max_bytes == 0) return len;
    if (offset >= cfg_.max_bytes) return 0;
    return static_cast<size_t>(std::min<uint64_t>(len, cfg_.max_bytes - offset));
}

void FlowFileWriter::on_data(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) {
    if (!cfg_.store_output || len == 0) return;
    FlowFile& f = state_of(flow);
    flow.logical_size = std::max(flow.logical_size, offset + len);
    size_t n = storable(offset, len);
    if (stopped()) {  // writing stopped at the first error: the bytes are lost, not stored
        f.lost |= n > 0;
        return;
    }
    if (!f.created) create_file(flow, f);
    counters_.bytes_past_limit += len - n;
    if (n == 0) return;
    if (cfg_.write_index) add_index_line(f, offset, flow.last_ts, n);
    flow.stored_bytes += n;
    append(f, offset, data, n);
    if (cfg_.flush_interval_ms == 0) make_durable(f);
}

// --- Spilling (see the header): kept apart from the in-order path. ---

bool FlowFileWriter::can_spill() const {
    // -s rewrites bytes on their way to the file: what comes back would differ.
    return cfg_.store_output && !cfg_.strip_nonprintable;
}

bool FlowFileWriter::on_spill(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) {
    // Bytes past -b are not stored, so they cannot come back from the file: a run
    // that reaches past it stays held (bounded by max_pending_total).
    if (!can_spill() || len == 0 || storable(offset, len) != len) return false;
    FlowFile& f = state_of(flow);
    if (!f.created) create_file(flow, f);
    // Straight to the file, not through the buffer: the point is to free memory,
    // and the buffer holds one in-order run below these offsets anyway.
    if (cfg_.write_index) add_index_line(f, offset, flow.last_ts, len);
    flow.stored_bytes += len;
    write_at(f, offset, data, len);
    counters_.bytes_spilled += len;
    return true;
}

void FlowFileWriter::read_back(FlowInfo& flow, uint64_t offset, uint8_t* out, size_t len) {
    FlowFile& f = state_of(flow);
    const int fd = open_for_read_back(f);
    const int err = pread_all(fd, out, len, offset);
    ::close(fd);
    if (err) fail(f, "cannot read back", path_of(f), err);
    counters_.bytes_read_back += len;
}

int FlowFileWriter::open_for_read_back(FlowFile& f) {
    // Its own descriptor: the writing one may be closed by the fd LRU at any time.
    // Through the output folder's door, like every other open: no link is followed.
    int fd = dir().reopen(dir().relative(path_of(f)), O_RDONLY);
    if (fd < 0) fail(f, "cannot read back", path_of(f), errno);
    return fd;
}

void FlowFileWriter::on_gap(FlowInfo& flow, uint64_t offset, uint64_t len) {
    if (!cfg_.store_output || !flow.file_state) return;
    FlowFile& f = state_of(flow);
    // A hole before the first byte needs nothing: the first write lands at its offset.
    if (!f.created || len == 0) return;
    uint64_t end = offset + len;
    flow.logical_size = std::max(flow.logical_size, end);
    uint64_t stored_end = cfg_.max_bytes ? std::min(end, cfg_.max_bytes) : end;
    f.zero_fill_to = std::max(f.zero_fill_to, stored_end);
}

void FlowFileWriter::on_close(FlowInfo& flow) {
    if (!flow.file_state) return;
    FlowFile* f = static_cast<FlowFile*>(flow.file_state);
    if (stopped()) {
        close_failed(flow, *f);
        release(flow, f);
        return;
    }
    try {
        if (f->created) finish_file(flow, *f);
    } catch (...) {
        close_failed(flow, *f);  // the flag is set before the scanners' flow_close sees the flow
        release(flow, f);
        throw;
    }
    release(flow, f);
}

void FlowFileWriter::close_failed(FlowInfo& flow, FlowFile& f) {
    // What is still in memory will never be written: the file stops where the disk stopped it.
    const uint64_t on_disk = f.created ? size_on_disk(f.fd, path_of(f)) : 0;
    f.lost |= !f.buf.empty() || f.zero_fill_to > on_disk;  // (an unwritten -I index is not the flow file)
    flow.file_truncated = f.lost;
    if (f.lost) flow.stored_bytes = on_disk;
}

void FlowFileWriter::on_end_of_run() {
    if (stopped()) return;
    while (FlowFile* f = buffered_.front()) flush(*f);
    while (FlowFile* f = fds_.front()) close_fd(*f);
}

void FlowFileWriter::flush_aged(uint64_t now_ms) {
    now_ms_ = now_ms;
    if (stopped()) return;
    while (FlowFile* f = aging_.front()) {
        if (now_ms - f->dirty_since_ms < cfg_.flush_interval_ms) break;
        make_durable(*f);
    }
}

void FlowFileWriter::make_dirty(FlowFile& f) {
    if (f.age_link.linked) return;  // the older stamp stands: the bound counts from the first byte
    f.dirty_since_ms = now_ms_;
    aging_.push_back(&f);
}

void FlowFileWriter::make_durable(FlowFile& f) {
    aging_.remove(&f);
    flush(f);
    if (cfg_.write_index) write_index(f, false);
}

void FlowFileWriter::create_file(FlowInfo& flow, FlowFile& f) {
    make_room_for_one_fd();
    CreatedFile c;
    try {
        c = create_flow_file(namer_, dir(), flow, "", [this] {
            if (fds_.empty()) return false;
            evict_one();
            return true;
        });
    } catch (const std::exception& e) {
        const bool echo = cfg_.failed_together && cfg_.failed_together->exchange(true);
        stop_writing();  // the flow has no file: nothing it delivers is stored
        f.lost = true;
        if (echo) throw FailureEcho(e.what());
        throw;
    }
    f.fd = c.fd;
    f.created = true;
    flow.path = c.path;
    flow.connection_count = c.counter;
    fds_.push_back(&f);
    ++counters_.files_created;
    counters_.max_open_files = std::max<uint64_t>(counters_.max_open_files, fds_.size());
}

void FlowFileWriter::append(FlowFile& f, uint64_t offset, const uint8_t* data, size_t len) {
    if (!f.buf.empty() && f.buf_offset + f.buf.size() != offset) flush(f);  // a hole: the buffer holds one run
    // A piece that is big on its own (loopback and TSO captures carry 16-64 KiB
    // segments) is written straight from the packet: copying it into the buffer
    // first would cost more than the system call it saves.
    if (len >= kDirectWriteBytes && !cfg_.strip_nonprintable) {
        if (!f.buf.empty()) flush(f);
        write_at(f, offset, data, len);
        return;
    }
    if (f.buf.empty()) {
        f.buf_offset = offset;
        buffered_.push_back(&f);
        make_dirty(f);
    } else {
        buffered_.touch(&f);
    }
    size_t old = f.buf.size();
    f.buf.insert(f.buf.end(), data, data + len);
    if (cfg_.strip_nonprintable)
        for (size_t i = old; i < f.buf.size(); ++i)
            if (!is_printable(f.buf[i])) f.buf[i] = '.';
    buffered_total_ += len;
    if (f.buf.size() >= cfg_.per_flow_buffer) {
        flush(f);
    } else if (buffered_total_ > cfg_.max_buffered_bytes) {
        relieve_memory();
    }
}

void FlowFileWriter::relieve_memory() {
    // Down to 3/4 of the cap, so the next few appends do not each force a write.
    uint64_t target = cfg_.max_buffered_bytes - cfg_.max_buffered_bytes / 4;
    while (buffered_total_ > target) {
        FlowFile* f = buffered_.front();
        if (!f) break;
        flush(*f);
        ++counters_.forced_flushes;
    }
}

void FlowFileWriter::flush(FlowFile& f) {
    if (f.buf.empty()) return;
    buffered_total_ -= f.buf.size();
    buffered_.remove(&f);
    std::vector<uint8_t> bytes;
    bytes.swap(f.buf);  // the buffer is empty even if the write throws
    write_at(f, f.buf_offset, bytes.data(), bytes.size());
    if (bytes.capacity() <= kKeptCapacity) {
        bytes.clear();
        f.buf.swap(bytes);
    }
}

void FlowFileWriter::write_at(FlowFile& f, uint64_t offset, const uint8_t* data, size_t len) {
    ensure_open(f);
    if (int err = pwrite_all(f.fd, data, len, offset)) fail(f, "cannot write", path_of(f), err);
    counters_.bytes_written += len;
    ++counters_.write_calls;
}

void FlowFileWriter::ensure_open(FlowFile& f) {
    if (f.fd >= 0) {
        fds_.touch(&f);
        return;
    }
    make_room_for_one_fd();
    for (;;) {
        // No O_EXCL: the file is ours since its creation; writes are positioned.
        int fd = dir().reopen(dir().relative(path_of(f)), O_WRONLY);
        if (fd >= 0) {
            f.fd = fd;
            break;
        }
        int err = errno;
        if ((err == EMFILE || err == ENFILE) && !fds_.empty()) {
            evict_one();
            continue;
        }
        fail(f, "cannot reopen", path_of(f), err);
    }
    fds_.push_back(&f);
    ++counters_.reopenings;
    counters_.max_open_files = std::max<uint64_t>(counters_.max_open_files, fds_.size());
}

void FlowFileWriter::make_room_for_one_fd() {
    while (fds_.size() >= max_fds_ && !fds_.empty()) evict_one();
}

void FlowFileWriter::evict_one() {
    close_fd(*fds_.front());
    ++counters_.fd_evictions;
}

void FlowFileWriter::close_fd(FlowFile& f) {
    if (f.fd < 0) return;
    int fd = f.fd;
    f.fd = -1;
    fds_.remove(&f);
    // Network file systems report failed writes at close.
    if (::close(fd) != 0 && errno != EINTR) fail(f, "cannot write", path_of(f), errno);
}

void FlowFileWriter::add_index_line(FlowFile& f, uint64_t offset, const Timestamp& ts, size_t len) {
    std::string& index = f.index.edit();
    append_decimal(index, offset);
    index += '|';
    append_signed_decimal(index, ts.sec);
    index += '.';
    append_zero_padded(index, ts.nsec / 1000, 6);
    index += '|';
    append_decimal(index, len);
    index += '\n';
    make_dirty(f);
    if (index.size() >= cfg_.per_flow_buffer) write_index(f, false);
}

void FlowFileWriter::write_index(FlowFile& f, bool final_piece) {
    if (f.index.empty() && (f.index_started || !final_piece)) return;
    std::string path = path_of(f) + ".findx";
    // Named after the flow file, so a stale or planted entry is replaced, never written through.
    const std::string rel = dir().relative(path);
    int fd = f.index_started ? dir().reopen(rel, O_WRONLY | O_APPEND) : dir().replace(rel);
    if (fd < 0) fail(f, "cannot create", path, errno);
    const std::string& index = f.index.str();
    int err = pwrite_all(fd, reinterpret_cast<const uint8_t*>(index.data()), index.size(),
                         f.index_started ? static_cast<uint64_t>(::lseek(fd, 0, SEEK_END)) : 0);
    if (err) {
        ::close(fd);
        fail(f, "cannot write", path, err);
    }
    if (::close(fd) != 0) fail(f, "cannot write", path, errno);
    f.index.reset();
    f.index_started = true;
}

void FlowFileWriter::finish_file(FlowInfo& flow, FlowFile& f) {
    flush(f);
    if (cfg_.write_index) write_index(f, true);
    ensure_open(f);  // size and dates through the descriptor: a path could lead through a link
    if (f.zero_fill_to > 0) {
        struct stat st;
        if (::fstat(f.fd, &st) == 0 && static_cast<uint64_t>(st.st_size) < f.zero_fill_to) {
            if (::ftruncate(f.fd, static_cast<off_t>(f.zero_fill_to)) != 0) fail(f, "cannot write", path_of(f), errno);
        }
    }
    // tcpflow dates each flow file by its first packet; a failure here is cosmetic.
    struct timespec times[2];
    times[0].tv_sec = static_cast<time_t>(flow.first_ts.sec);
    times[0].tv_nsec = static_cast<long>(flow.first_ts.nsec);
    times[1] = times[0];
    (void)::futimens(f.fd, times);
    close_fd(f);
}

void FlowFileWriter::release(FlowInfo& flow, FlowFile* f) {
    if (f->fd >= 0) ::close(f->fd);
    fds_.remove(f);
    if (!f->buf.empty()) buffered_total_ -= f->buf.size();
    buffered_.remove(f);
    aging_.remove(f);
    live_.remove(f);
    delete f;
    flow.file_state = nullptr;
}

}  // namespace tcpflow
