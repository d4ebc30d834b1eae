#include "console/console_sink.h"
#include <algorithm>
#include <cerrno>
#include <unistd.h>
#include "console/hex_dump.h"
#include "console/printable_text.h"
#include "output/output_dir.h"

namespace tcpflow {

namespace {

constexpr const char* kBlue = "\033[0;34m";
constexpr const char* kRed = "\033[0;31m";
constexpr const char* kGreen = "\033[0;32m";
constexpr const char* kReset = "\033[0m";

// A chunk larger than this leaves a buffer we give back rather than keep for
// the rest of the run; ordinary packet-sized chunks reuse the same storage.
constexpr size_t kKeptBufferBytes = 1 << 20;

bool is_terminal(FILE* f) {
    int fd = fileno(f);
    return fd >= 0 && isatty(fd);
}

}  // namespace

const char* console_color(const FlowInfo& flow) {
    if (!flow.saw_syn) return kGreen;
    return flow.client_to_server ? kBlue : kRed;
}

struct ConsoleSink::FlowState {
    std::string name;         // the header text without ": "
    JsonFlowFields json;      // filled only in -J mode
    std::list<FlowState>::iterator self;
};

ConsoleSink::ConsoleSink(const ConsoleConfig& cfg, FlowNamer namer, FILE* out)
    : cfg_(cfg), namer_(std::move(namer)), out_(out) {
    if (!cfg_.semaphore.empty()) sem_ = std::make_unique<NamedSemaphore>(cfg_.semaphore);
    flush_each_chunk_ = sem_ || is_terminal(out_);
    raw_text_ = cfg_.binary && !cfg_.strip;
}

// Flows still open only lose their slot: their FlowInfo dies with the table.
ConsoleSink::~ConsoleSink() { fflush(out_); }

ConsoleSink::FlowState& ConsoleSink::state_for(FlowInfo& flow) {
    if (flow.console_state) return *static_cast<FlowState*>(flow.console_state);
    states_.emplace_back();
    FlowState& st = states_.back();
    st.self = std::prev(states_.end());
    // Counter 0: 1.6.1 names the console flow before any file exists, so the
    // header never carries a "c1" suffix.
    st.name = flow_output_path(cfg_.outdir, namer_.name(flow, 0));
    if (cfg_.json) st.json = make_json_flow_fields(flow, st.name);
    flow.console_state = &st;
    return st;
}

void ConsoleSink::on_open(FlowInfo& flow) { state_for(flow); }

size_t ConsoleSink::capped_length(uint64_t offset, size_t len) const {
    if (cfg_.max_bytes == 0) return len;
    if (offset >= cfg_.max_bytes) return 0;
    uint64_t room = cfg_.max_bytes - offset;
    return room < len ? static_cast<size_t>(room) : len;
}

void ConsoleSink::format_text_chunk(const FlowInfo& flow, const FlowState& st, const uint8_t* data, size_t len) {
    if (cfg_.color) buf_ += console_color(flow);
    if (cfg_.header) {
        buf_ += st.name;
        buf_ += cfg_.hex ? ": \n" : ": ";
    }
    if (cfg_.hex)
        append_hex_dump(buf_, data, len);
    else if (raw_text_)
        buf_.append(reinterpret_cast<const char*>(data), len);
    else
        append_printable(buf_, data, len);
    if (cfg_.color) buf_ += kReset;
    if (!cfg_.no_newline) buf_ += '\n';
}

void ConsoleSink::on_data(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) {
    len = capped_length(offset, len);
    if (len == 0 || write_failed()) return;
    if (group_.flow && (group_.flow != &flow || group_.offset + group_.bytes.size() != offset)) print_group();
    while (len > 0) {
        if (!group_.flow) {
            group_.flow = &flow;
            group_.offset = offset;
        }
        const size_t n = std::min(len, kMaxChunk - group_.bytes.size());
        group_.bytes.append(reinterpret_cast<const char*>(data), n);
        data += n;
        offset += n;
        len -= n;
        if (group_.bytes.size() == kMaxChunk) print_group();
    }
}

void ConsoleSink::print_group() {
    if (!group_.flow) return;
    if (!write_failed())
        print_chunk(*group_.flow, group_.offset, reinterpret_cast<const uint8_t*>(group_.bytes.data()),
                    group_.bytes.size());
    group_.flow = nullptr;
    group_.bytes.clear();
    if (group_.bytes.capacity() > kKeptBufferBytes) std::string().swap(group_.bytes);
}

void ConsoleSink::print_chunk(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) {
    const FlowState& st = state_for(flow);

    // Format first, then hold the semaphore only for the write itself.
    buf_.clear();
    if (cfg_.json)
        append_json_chunk(buf_, st.json, offset, flow.last_ts, data, len);
    else
        format_text_chunk(flow, st, data, len);
    {
        SemaphoreGuard hold(sem_.get());
        // -j N: every worker's console prints to the same stream; the stream's own lock,
        // held for the whole chunk, keeps each chunk whole.
        flockfile(out_);
        put(buf_.data(), buf_.size());
        if (flush_each_chunk_) flush();
        funlockfile(out_);
    }
    if (buf_.capacity() > kKeptBufferBytes) std::string().swap(buf_);
}

void ConsoleSink::on_close(FlowInfo& flow) {
    if (group_.flow == &flow) print_group();
    if (!flow.console_state) return;
    auto* st = static_cast<FlowState*>(flow.console_state);
    states_.erase(st->self);
    flow.console_state = nullptr;
}

void ConsoleSink::on_end_of_run() {
    print_group();
    flush();
}

void ConsoleSink::put(const void* data, size_t len) {
    if (fwrite(data, 1, len, out_) != len) check_stream();
}

void ConsoleSink::flush() {
    if (fflush(out_) != 0) check_stream();
}

void ConsoleSink::check_stream() {
    if (write_errno_ == 0) write_errno_ = errno ? errno : EIO;
}

}  // namespace tcpflow
