#include "capture/pcap_file_reader.h"

#include <cstdio>

#include "capture/byte_order.h"
#include "capture/capture_limits.h"

namespace tcpflow {
namespace {

constexpr uint32_t kMagicUsec = 0xa1b2c3d4;
constexpr uint32_t kMagicNsec = 0xa1b23c4d;
constexpr uint32_t kMagicModified = 0xa1b2cd34;
constexpr size_t kFileHeader = 24;

// Link type field layout (draft-ietf-opsawg-pcap): low 16 bits the LINKTYPE,
// then 10 reserved bits that must be zero, then FCS flags.
constexpr uint32_t kLinktypeMask = 0x0000ffff;
constexpr uint32_t kLinktypeReserved = 0x03ff0000;

std::string hex32(uint32_t v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%08x", v);
    return b;
}

}  // namespace

PcapFileReader::PcapFileReader(std::unique_ptr<ByteReader> in) : in_(std::move(in)) { read_header(); }

void PcapFileReader::fail(const std::string& what) const { throw CaptureError(in_->name() + ": " + what); }

void PcapFileReader::read_header() {
    if (!in_->fill(kFileHeader)) fail("truncated: the file ends inside the pcap file header");
    const uint8_t* h = in_->data();
    uint32_t magic = load32(h, false);
    bool known = false;
    for (bool swap : {false, true}) {
        uint32_t m = swap ? __builtin_bswap32(magic) : magic;
        if (m == kMagicUsec || m == kMagicNsec || m == kMagicModified) {
            known = true;
            swap_ = swap;
            nanosecond_ = m == kMagicNsec;
            record_header_ = m == kMagicModified ? 24 : 16;
        }
    }
    if (!known) fail("not a pcap or pcapng capture");
    uint16_t major = load16(h + 4, swap_);
    uint16_t minor = load16(h + 6, swap_);
    if (major != 2)
        fail("unsupported pcap version " + std::to_string(major) + "." + std::to_string(minor) +
             " (only 2.x is supported)");
    maybe_swapped_lengths_ = minor < 3;
    snaplen_ = load32(h + 16, swap_);
    uint32_t linktype = load32(h + 20, swap_);
    if (linktype & kLinktypeReserved)
        fail("link type field " + hex32(linktype) + " has reserved bits set");
    dlt_ = static_cast<int>(linktype & kLinktypeMask);
    max_caplen_ = max_caplen_for(snaplen_);
    in_->consume(kFileHeader);
    in_->set_patience(false);  // from here on, a quiet pipe lets the caller work
}

ReadStatus PcapFileReader::short_read() {
    --record_;  // the record is read again in full next time (or never)
    // A stop leaves any incomplete record unread; the offset says where.
    bool idle = false;
    if (in_->short_read_is_expected(idle)) return idle ? ReadStatus::Idle : ReadStatus::End;
    fail("truncated: the file ends in the middle of record " + std::to_string(record_ + 1));
}

ReadStatus PcapFileReader::read(RawPacket& out) {
    ++record_;
    if (!in_->fill(record_header_)) return short_read();
    const uint8_t* h = in_->data();
    uint32_t sec = load32(h, swap_);
    uint32_t frac = load32(h + 4, swap_);
    uint32_t caplen = load32(h + 8, swap_);
    uint32_t wirelen = load32(h + 12, swap_);
    if (maybe_swapped_lengths_ && caplen > wirelen) std::swap(caplen, wirelen);
    if (caplen > max_caplen_)
        fail("record " + std::to_string(record_) + ": captured length " + std::to_string(caplen) +
             " is larger than the maximum " + std::to_string(max_caplen_) + " (snaplen " +
             std::to_string(snaplen_) + ")");
    size_t total = record_header_ + caplen;
    if (!in_->fill(total)) return short_read();
    h = in_->data();  // fill may have moved the buffer

    // Fractions past one second occur in damaged files; carry them rather than
    // hand the flow table a timestamp that breaks its ordering.
    uint64_t nsec = nanosecond_ ? frac : uint64_t(frac) * 1000;
    out.ts.sec = int64_t(sec) + int64_t(nsec / 1000000000u);
    out.ts.nsec = static_cast<uint32_t>(nsec % 1000000000u);
    out.dlt = dlt_;
    out.caplen = caplen;
    // A record claiming fewer wire bytes than it holds is damaged; trust the
    // bytes we have so decoders never see caplen > wirelen.
    out.wirelen = wirelen < caplen ? caplen : wirelen;
    out.data = h + record_header_;
    in_->consume(total);
    return ReadStatus::Packet;
}

}  // namespace tcpflow
