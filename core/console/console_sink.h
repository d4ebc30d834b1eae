// The console printer (-c -C -0 -D -g -B -s -J -L -b): prints every chunk of the
// REASSEMBLED stream of each flow (in order, no duplicates), instead of packets
// as they arrive the way tcpflow 1.6.1 did (its issue #162).
//
// Output of one chunk, by mode (NAME = the flow's file name with counter 0 and
// the -o prefix, e.g. "out/192.168.001.002.02345-010.000.000.001.00080"):
//
//   -c          [COLOR]NAME: <text>[RESET]\n
//   -C          [COLOR]<text>[RESET]\n
//   -c -D       [COLOR]NAME: \n<hex dump lines>[RESET]\n     (hex_dump.h has the line format)
//   -C -D       [COLOR]<hex dump lines>[RESET]\n
//   -0          drops the final "\n" of each chunk in the four forms above
//   -J          one JSON object and "\n" per chunk (json_record.h); -J ignores
//               -C, -0, -D, -g, -B and -s, so every line stays valid JSON
//
//   <text>: bytes outside 0x20..0x7e become '.', except \n and \r (the default,
//           and -s); -B prints the raw bytes (-s wins over -B when both are given).
//   COLOR (-g): ESC[0;34m (blue) for a client-to-server flow (it began with a
//           bare SYN), ESC[0;31m (red) for server-to-client (it began with
//           SYN+ACK), ESC[0;32m (green) when no handshake was seen; RESET is
//           ESC[0m. 1.6.1 printed red for "unknown" too; green is what its man
//           page promises.
//
// -b N: only stream offsets below N are printed (the same bytes the file writer
// stores); a chunk entirely past N prints nothing, not even its header.
// Gaps (bytes that never arrived) print nothing: the text stays what was really
// sent; in -J the "offset" field jumps over the gap.
//
// A chunk is what one segment made deliverable to one flow: the bytes of the
// segment itself when it is in order, or everything a segment that fills a hole
// lets through (held bytes, and bytes read back from where they were spilled),
// cut into pieces of at most kMaxChunk. Not one chunk per on_data call: how many
// calls a segment makes depends on how the reassembler held the bytes, which
// depends on -j's share of the memory budget; the chunks must not. The pieces
// wait in the sink until the flow table says the segment is done
// (on_deliveries_done), another flow's data comes, or the flow closes.
//
// Buffering: chunks go through the FILE*'s own buffer. It is flushed after each
// chunk when the output is a terminal (immediate display) or when -L is used
// (the bytes must be out before the semaphore is released); otherwise, e.g. into
// a pipe or file, only when the buffer fills, at on_end_of_run, and when the
// recorder's input is a stream that went quiet (flush_waiting).
#pragma once
#include <cstdio>
#include <list>
#include <memory>
#include <string>
#include "console/console_config.h"
#include "console/json_record.h"
#include "console/named_semaphore.h"
#include "flow/flow_sink.h"
#include "output/flow_namer.h"

namespace tcpflow {

/// The -g escape that starts a chunk of this flow (see above).
const char* console_color(const FlowInfo& flow);

class ConsoleSink : public FlowSink {
public:
    /// `out` receives the output (stdout in the program); it is not closed and
    /// must outlive the sink (the destructor flushes it).
    /// `namer` is the -T/-F configured namer, used with counter 0.
    /// Throws std::runtime_error when the -L semaphore cannot be opened.
    ConsoleSink(const ConsoleConfig& cfg, FlowNamer namer, FILE* out);
    ~ConsoleSink() override;
    ConsoleSink(const ConsoleSink&) = delete;
    ConsoleSink& operator=(const ConsoleSink&) = delete;

    void on_open(FlowInfo& flow) override;
    void on_data(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) override;
    void on_close(FlowInfo& flow) override;
    void on_end_of_run() override;
    bool groups_deliveries() const override { return true; }
    void on_deliveries_done() override { print_group(); }
    /// Push what waits in the FILE* buffer: the recorder calls it when a pipe or
    /// interface goes quiet and every 100 ms while one trickles, so -c output of a
    /// stream appears as the traffic flows (like tcpdump -U), not when 4 KiB piled up.
    void flush_waiting() {
        if (!write_failed()) flush();
    }

    /// A write or flush failed (e.g. EPIPE when the reader went away). Nothing
    /// more is printed after that, but the run goes on, so the report and the
    /// scanners still finish; the caller reports it after the run.
    bool write_failed() const { return write_errno_ != 0; }
    int write_errno() const { return write_errno_; }

    /// The largest chunk: longer runs are printed as several.
    static constexpr size_t kMaxChunk = 1 << 20;

private:
    struct FlowState;
    /// The bytes of the chunk being gathered (one flow, contiguous offsets).
    struct Group {
        FlowInfo* flow = nullptr;
        uint64_t offset = 0;
        std::string bytes;
    };
    void print_group();
    void print_chunk(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len);
    FlowState& state_for(FlowInfo& flow);
    size_t capped_length(uint64_t offset, size_t len) const;  // -b
    void format_text_chunk(const FlowInfo& flow, const FlowState& st, const uint8_t* data, size_t len);
    void put(const void* data, size_t len);
    void flush();
    void check_stream();

    ConsoleConfig cfg_;
    FlowNamer namer_;
    FILE* out_;
    std::unique_ptr<NamedSemaphore> sem_;
    bool flush_each_chunk_;
    bool raw_text_;
    std::list<FlowState> states_;  // stable addresses for FlowInfo::console_state
    std::string buf_;              // one chunk's formatted output, reused
    Group group_;
    int write_errno_ = 0;
};

}  // namespace tcpflow
