// pcapng files: sections in either byte order, any number of interfaces with
// their own link type, snaplen and timestamp resolution; EPB, SPB and the
// obsolete PB carry packets; every other block type is skipped.
#pragma once
#include <memory>
#include <vector>

#include "capture/byte_reader.h"
#include "capture/packet_source.h"

namespace tcpflow {

class PcapngReader : public PacketSource {
public:
    /// Reads the first section header and the blocks up to the first interface
    /// description, so primary_dlt() is known before the first packet.
    explicit PcapngReader(std::unique_ptr<ByteReader> in);
    ReadStatus read(RawPacket& out) override;
    bool can_idle() const override { return in_->is_stream(); }
    bool stopped_early() const override { return in_->stopped(); }
    uint64_t offset() const override { return in_->offset(); }
    int primary_dlt() const override { return primary_dlt_; }
    uint32_t snaplen() const override { return primary_snaplen_; }
    std::string describe() const override { return in_->name(); }

private:
    struct Interface {
        int dlt = 0;
        uint32_t snaplen = 0;
        uint32_t max_caplen = 0;
        uint64_t units_per_sec = 1000000;  // if_tsresol, default microseconds
        int64_t offset_sec = 0;            // if_tsoffset
    };
    struct Block {
        uint32_t type = 0;
        uint32_t length = 0;  // total, header and trailer included
        const uint8_t* p = nullptr;
    };
    enum class Step { packet, other, end };

    /// Packet: a whole block is in `b`; Idle: not yet; End: the input's end or a stop.
    ReadStatus read_block(Block& b);
    ReadStatus short_read();
    Step handle(const Block& b, RawPacket& out);
    void on_section_header(const Block& b);
    void on_interface(const Block& b);
    void on_enhanced_packet(const Block& b, RawPacket& out);
    void on_simple_packet(const Block& b, RawPacket& out);
    void on_obsolete_packet(const Block& b, RawPacket& out);
    void parse_interface_option(Interface& ifc, uint16_t code, const uint8_t* v, uint16_t len);
    template <class F> void for_each_option(const Block& b, size_t start, F&& f);
    const Interface& interface_for(uint32_t id) const;
    void set_packet(const Interface& ifc, uint64_t ts, uint32_t caplen, uint32_t wirelen,
                    const uint8_t* data, uint32_t room, RawPacket& out);
    void check_trailer(const Block& b) const;
    [[noreturn]] void fail(const std::string& what) const;
    [[noreturn]] void fail_block(const std::string& what) const;

    std::unique_ptr<ByteReader> in_;
    bool swap_ = false;
    std::vector<Interface> interfaces_;  // of the current section
    int primary_dlt_ = 0;
    uint32_t primary_snaplen_ = 262144;
    bool have_primary_ = false;
    uint64_t block_ = 0;  // 1-based number of the block being read
    Timestamp last_ts_;   // simple packets have none; reuse the last one seen
};

}  // namespace tcpflow
