// The scratch spill file: where a flow's out-of-order bytes go when memory
// should not hold them and no sink can keep them at their offset.
//
// The flow file is the natural place (FlowFileWriter::on_spill, tcpflow's own
// trick), but with -c, -FX, -K or -s there is no flow file to write them in,
// and past -b the file does not store them. Held in memory, a capture full of
// holes that never fill grew the process to max_pending_total (512 MiB) where
// tcpflow 1.6.1 stays at 16 MiB. Here they go to one unnamed file (O_TMPFILE,
// or a name unlinked at once where the file system has no O_TMPFILE) in the
// output folder, or in $TMPDIR when there is none: nothing is left behind by a
// kill, and no link is followed. Only an index stays in memory.
//
// The file is cut into chunks of kChunk bytes; a flow's bytes at stream offset
// o go to its chunk o / kChunk, allocated at the end of the file when first
// needed, at o % kChunk within it. So the index in memory is one entry per
// chunk, however many pieces a hostile capture cuts the bytes into (an index
// per piece cost more memory than the bytes saved), and the file is sparse.
//
// Bytes are read back once, in stream order, when their hole fills or is given
// up (ReassemblyOutput::deliver_spilled); what is read back is punched out of
// the file, and a chunk leaves the index once none of its bytes wait, so the
// disk holds only bytes still waiting (a chunk spilled into again after that
// is made afresh). When no chunk is left the file is emptied.
//
// A failure to create or write the file is not an error: on_spill says no, undoes
// the chunks it made, and the bytes stay in memory as before (bounded by
// max_pending_total); spilling stops for the run. A failure
// to read back is: the bytes are lost, so it throws std::runtime_error.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include "flow/flow_sink.h"

namespace tcpflow {

class ScratchSpill : public FlowSink {
public:
    /// The file is made at the first spill, in the folder open at `dirfd` (not
    /// owned; it must outlive this object). `dir_name` names it in messages.
    ScratchSpill(int dirfd, std::string dir_name);
    ~ScratchSpill() override;
    ScratchSpill(const ScratchSpill&) = delete;
    ScratchSpill& operator=(const ScratchSpill&) = delete;

    void on_data(FlowInfo&, uint64_t, const uint8_t*, size_t) override {}
    bool can_spill() const override { return !broken_; }
    bool on_spill(FlowInfo& flow, uint64_t offset, const uint8_t* data, size_t len) override;
    void read_back(FlowInfo& flow, uint64_t offset, uint8_t* out, size_t len) override;
    /// The flow is closed: whatever it still has here is dropped.
    void forget(const FlowInfo& flow);
    /// What `flow`'s bytes here cost: the bytes, and a file-system block for each
    /// chunk (a chunk holding one byte still takes a block on disk). The flow table
    /// charges it against max_pending_bytes and max_pending_total like memory.
    uint64_t charge(const FlowInfo& flow) const;

    uint64_t bytes_spilled() const { return bytes_spilled_; }
    uint64_t bytes_read_back() const { return bytes_read_back_; }
    size_t chunks() const { return chunks_; }   // index entries in memory

    static constexpr uint64_t kChunk = 64 << 10;
    static constexpr uint64_t kBlock = 4 << 10;

private:
    struct Chunk {
        uint64_t pos;        // file position of its first byte
        uint64_t held = 0;   // its bytes not read back yet: at 0 the chunk goes
    };
    struct FlowChunks {
        std::map<uint64_t, Chunk> by_number;
        uint64_t held = 0;   // the flow's bytes not read back yet
    };

    bool open_file();
    void drop(FlowChunks& flow, std::map<uint64_t, Chunk>::iterator chunk);
    void punch(uint64_t pos, uint64_t len);
    void empty_when_unused();

    int dirfd_;
    std::string dir_name_;
    int fd_ = -1;
    bool broken_ = false;   // the file could not be made or written: spill nothing more
    uint64_t end_ = 0;      // where the next chunk goes
    size_t chunks_ = 0;
    uint64_t bytes_spilled_ = 0, bytes_read_back_ = 0;
    std::unordered_map<const FlowInfo*, FlowChunks> flows_;
};

}  // namespace tcpflow
