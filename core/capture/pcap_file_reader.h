// Classic pcap files: both byte orders, microsecond and nanosecond magic, and
// the 24-byte-record "modified" (Kuznetzov) variant, with any snaplen.
#pragma once
#include <memory>

#include "capture/byte_reader.h"
#include "capture/packet_source.h"

namespace tcpflow {

class PcapFileReader : public PacketSource {
public:
    /// Reads and checks the file header; the magic is still unread in `in`.
    explicit PcapFileReader(std::unique_ptr<ByteReader> in);
    ReadStatus read(RawPacket& out) override;
    bool can_idle() const override { return in_->is_stream(); }
    bool stopped_early() const override { return in_->stopped(); }
    uint64_t offset() const override { return in_->offset(); }
    int primary_dlt() const override { return dlt_; }
    uint32_t snaplen() const override { return snaplen_; }
    std::string describe() const override { return in_->name(); }

private:
    [[noreturn]] void fail(const std::string& what) const;
    /// Why fill() came back short: Idle or End (a stop), or throws for a truncated file.
    ReadStatus short_read();
    void read_header();

    std::unique_ptr<ByteReader> in_;
    bool swap_ = false;
    bool nanosecond_ = false;
    bool maybe_swapped_lengths_ = false;  // pre-2.3 files wrote len before caplen
    size_t record_header_ = 16;
    int dlt_ = 0;
    uint32_t snaplen_ = 0;
    uint32_t max_caplen_ = 0;
    uint64_t record_ = 0;  // 1-based number of the record being read
};

}  // namespace tcpflow
