// Writes classic pcap files (-w for packets we did not process, -K for one
// capture per flow). Buffered: one write(2) per buffer, not per packet.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "capture/packet_source.h"

namespace tcpflow {

struct PcapWriterOptions {
    bool nanosecond = false;        // magic a1b23c4d instead of a1b2c3d4
    size_t buffer_size = 256 * 1024;  // -K keeps many writers: give them less
    bool append = false;            // add records to an existing file (LRU reopen)
};

class PcapWriter {
public:
    PcapWriter() = default;
    ~PcapWriter();  // closes, swallowing errors: call close() to see them
    PcapWriter(const PcapWriter&) = delete;
    PcapWriter& operator=(const PcapWriter&) = delete;

    /// Creates (or truncates) `path`, refusing a link there (tcpflow itself opens
    /// through OutputDir or create_named_output_file), and writes the header. With
    /// options.append and a non-empty file, writes records after what is there.
    /// Throws std::runtime_error with one line naming the file and the reason.
    void open(const std::string& path, int linktype, uint32_t snaplen, const PcapWriterOptions& options = {});
    /// The same on a descriptor opened elsewhere (write-only; appending when
    /// options.append), which the writer now owns; `name` is for messages.
    void open(int fd, const std::string& name, int linktype, uint32_t snaplen, const PcapWriterOptions& options = {});
    /// Bytes past snaplen are cut, as a capture with that snaplen would have.
    void write(const RawPacket& p);
    void flush();
    void close();
    bool is_open() const { return fd_ >= 0; }
    const std::string& path() const { return path_; }

private:
    void put_header(int linktype);
    void put(const void* p, size_t n);
    void put32(uint32_t v);
    [[noreturn]] void fail(const char* doing, int err) const;

    std::string path_;
    int fd_ = -1;
    uint32_t snaplen_ = 0;
    bool nanosecond_ = false;
    std::vector<uint8_t> buf_;
    size_t used_ = 0;
};

}  // namespace tcpflow
