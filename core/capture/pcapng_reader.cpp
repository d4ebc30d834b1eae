#include "capture/pcapng_reader.h"

#include "capture/byte_order.h"
#include "capture/capture_limits.h"

namespace tcpflow {
namespace {

constexpr uint32_t kSectionHeader = 0x0a0d0d0a;
constexpr uint32_t kInterfaceDescription = 1;
constexpr uint32_t kObsoletePacket = 2;
constexpr uint32_t kSimplePacket = 3;
constexpr uint32_t kEnhancedPacket = 6;
constexpr uint32_t kByteOrderMagic = 0x1a2b3c4d;

constexpr uint16_t kOptEnd = 0;
constexpr uint16_t kOptTsResol = 9;
constexpr uint16_t kOptTsOffset = 14;

// Smallest legal total length of each block type (header, fixed fields, trailer).
constexpr uint32_t kMinBlock = 12;
constexpr uint32_t kMinSectionHeader = 28;
constexpr uint32_t kMinInterface = 20;
constexpr uint32_t kMinEnhancedPacket = 32;
constexpr uint32_t kMinSimplePacket = 16;
constexpr uint32_t kMinObsoletePacket = 32;

uint32_t pad4(uint32_t n) { return (n + 3u) & ~3u; }

uint64_t pow_u64(uint64_t base, unsigned exp) {
    uint64_t r = 1;
    while (exp--) r *= base;
    return r;
}

}  // namespace

PcapngReader::PcapngReader(std::unique_ptr<ByteReader> in) : in_(std::move(in)) {
    Block b;
    if (read_block(b) != ReadStatus::Packet) fail("not a pcap or pcapng capture");
    if (b.type != kSectionHeader) fail("not a pcap or pcapng capture");
    RawPacket unused;
    handle(b, unused);
    while (!have_primary_ && read_block(b) == ReadStatus::Packet) {
        if (handle(b, unused) == Step::packet) fail_block("packet before any interface description");
    }
    in_->set_patience(false);  // from here on, a quiet pipe lets the caller work
}

void PcapngReader::fail(const std::string& what) const { throw CaptureError(in_->name() + ": " + what); }

void PcapngReader::fail_block(const std::string& what) const {
    fail("block " + std::to_string(block_) + ": " + what);
}

ReadStatus PcapngReader::short_read() {
    --block_;  // the block is read again in full next time (or never)
    // A stop leaves any incomplete block unread; the offset says where.
    bool idle = false;
    if (in_->short_read_is_expected(idle)) return idle ? ReadStatus::Idle : ReadStatus::End;
    fail("truncated: the file ends in the middle of block " + std::to_string(block_ + 1));
}

ReadStatus PcapngReader::read_block(Block& b) {
    ++block_;
    if (!in_->fill(8)) return short_read();
    b.type = load32(in_->data(), false);
    if (b.type == kSectionHeader) {
        // A new section may switch byte order; its byte-order magic says which.
        if (!in_->fill(12)) return short_read();
        uint32_t bom = load32(in_->data() + 8, false);
        if (bom == kByteOrderMagic)
            swap_ = false;
        else if (bom == __builtin_bswap32(kByteOrderMagic))
            swap_ = true;
        else
            fail_block("section header has no valid byte-order magic");
    } else {
        b.type = load32(in_->data(), swap_);
    }
    b.length = load32(in_->data() + 4, swap_);
    if (b.length % 4 != 0) fail_block("block length " + std::to_string(b.length) + " is not a multiple of 4");
    if (b.length < kMinBlock) fail_block("block length " + std::to_string(b.length) + " is too small");
    if (b.length > kMaxBlockLength)
        fail_block("block length " + std::to_string(b.length) + " is larger than the maximum " +
                   std::to_string(kMaxBlockLength));
    if (!in_->fill(b.length)) return short_read();
    b.p = in_->data();
    in_->consume(b.length);  // b.p stays valid until the next fill
    return ReadStatus::Packet;
}

void PcapngReader::check_trailer(const Block& b) const {
    uint32_t trailer = load32(b.p + b.length - 4, swap_);
    if (trailer != b.length)
        fail_block("block length " + std::to_string(b.length) + " in the header and " + std::to_string(trailer) +
                   " in the trailer differ");
}

ReadStatus PcapngReader::read(RawPacket& out) {
    Block b;
    ReadStatus s;
    while ((s = read_block(b)) == ReadStatus::Packet) {
        if (handle(b, out) == Step::packet) return ReadStatus::Packet;
    }
    return s;
}

PcapngReader::Step PcapngReader::handle(const Block& b, RawPacket& out) {
    Step step = Step::other;
    switch (b.type) {
        case kSectionHeader: on_section_header(b); break;
        case kInterfaceDescription: on_interface(b); break;
        case kEnhancedPacket: on_enhanced_packet(b, out); step = Step::packet; break;
        case kSimplePacket: on_simple_packet(b, out); step = Step::packet; break;
        case kObsoletePacket: on_obsolete_packet(b, out); step = Step::packet; break;
        default: break;  // statistics, name resolution, custom...: not ours
    }
    // Checked after the body so a damaged body gets the more precise message.
    check_trailer(b);
    return step;
}

template <class F>
void PcapngReader::for_each_option(const Block& b, size_t start, F&& f) {
    size_t end = b.length - 4;
    size_t at = start;
    while (at + 4 <= end) {
        uint16_t code = load16(b.p + at, swap_);
        uint16_t len = load16(b.p + at + 2, swap_);
        if (code == kOptEnd) return;
        if (at + 4 + pad4(len) > end)
            fail_block("option " + std::to_string(code) + " of length " + std::to_string(len) +
                       " runs past the end of its block");
        f(code, b.p + at + 4, len);
        at += 4 + pad4(len);
    }
}

void PcapngReader::on_section_header(const Block& b) {
    if (b.length < kMinSectionHeader) fail_block("section header block is too short");
    uint16_t major = load16(b.p + 12, swap_);
    uint16_t minor = load16(b.p + 14, swap_);
    if (major != 1)
        fail_block("unsupported pcapng version " + std::to_string(major) + "." + std::to_string(minor));
    for_each_option(b, 24, [](uint16_t, const uint8_t*, uint16_t) {});
    interfaces_.clear();  // interface ids are per section
}

void PcapngReader::on_interface(const Block& b) {
    if (b.length < kMinInterface) fail_block("interface description block is too short");
    Interface ifc;
    ifc.dlt = load16(b.p + 8, swap_);
    ifc.snaplen = load32(b.p + 12, swap_);
    ifc.max_caplen = max_caplen_for(ifc.snaplen);
    for_each_option(b, 16, [&](uint16_t code, const uint8_t* v, uint16_t len) {
        parse_interface_option(ifc, code, v, len);
    });
    interfaces_.push_back(ifc);
    if (!have_primary_) {
        have_primary_ = true;
        primary_dlt_ = ifc.dlt;
        primary_snaplen_ = ifc.snaplen ? ifc.snaplen : kDefaultMaxCaplen;  // 0 means "no limit"
    }
}

void PcapngReader::parse_interface_option(Interface& ifc, uint16_t code, const uint8_t* v, uint16_t len) {
    if (code == kOptTsResol && len >= 1) {
        unsigned exp = v[0] & 0x7f;
        bool pow2 = v[0] & 0x80;
        if ((pow2 && exp > 63) || (!pow2 && exp > 19))
            fail_block("timestamp resolution option value " + std::to_string(v[0]) + " is not supported");
        ifc.units_per_sec = pow2 ? (uint64_t(1) << exp) : pow_u64(10, exp);
    } else if (code == kOptTsOffset && len >= 8) {
        ifc.offset_sec = static_cast<int64_t>(load64(v, swap_));
    }
}

const PcapngReader::Interface& PcapngReader::interface_for(uint32_t id) const {
    if (id >= interfaces_.size())
        fail_block("packet on interface " + std::to_string(id) + ", but the section describes " +
                   std::to_string(interfaces_.size()));
    return interfaces_[id];
}

void PcapngReader::set_packet(const Interface& ifc, uint64_t ts, uint32_t caplen, uint32_t wirelen,
                              const uint8_t* data, uint32_t room, RawPacket& out) {
    if (caplen > ifc.max_caplen)
        fail_block("captured length " + std::to_string(caplen) + " is larger than the maximum " +
                   std::to_string(ifc.max_caplen) + " (snaplen " + std::to_string(ifc.snaplen) + ")");
    if (caplen > room)
        fail_block("captured length " + std::to_string(caplen) + " runs past the end of its block");
    // Split before scaling so 64-bit tick counts cannot overflow.
    uint64_t ups = ifc.units_per_sec;
    uint64_t whole, frac;
    if (ups == 1000000) {  // the common case, divided by a constant
        whole = ts / 1000000;
        frac = (ts % 1000000) * 1000;
    } else if (ups == 1000000000) {
        whole = ts / 1000000000;
        frac = ts % 1000000000;
    } else {
        whole = ts / ups;
        frac = static_cast<uint64_t>((unsigned __int128)(ts % ups) * 1000000000u / ups);
    }
    // Unsigned sum: absurd tick counts and offsets wrap instead of overflowing.
    out.ts.sec = static_cast<int64_t>(whole + static_cast<uint64_t>(ifc.offset_sec));
    out.ts.nsec = static_cast<uint32_t>(frac);
    last_ts_ = out.ts;
    out.dlt = ifc.dlt;
    out.caplen = caplen;
    out.wirelen = wirelen < caplen ? caplen : wirelen;
    out.data = data;
}

void PcapngReader::on_enhanced_packet(const Block& b, RawPacket& out) {
    if (b.length < kMinEnhancedPacket) fail_block("enhanced packet block is too short");
    const Interface& ifc = interface_for(load32(b.p + 8, swap_));
    uint64_t ts = (uint64_t(load32(b.p + 12, swap_)) << 32) | load32(b.p + 16, swap_);
    set_packet(ifc, ts, load32(b.p + 20, swap_), load32(b.p + 24, swap_), b.p + 28,
               b.length - kMinEnhancedPacket, out);
}

void PcapngReader::on_obsolete_packet(const Block& b, RawPacket& out) {
    if (b.length < kMinObsoletePacket) fail_block("packet block is too short");
    const Interface& ifc = interface_for(load16(b.p + 8, swap_));
    uint64_t ts = (uint64_t(load32(b.p + 12, swap_)) << 32) | load32(b.p + 16, swap_);
    set_packet(ifc, ts, load32(b.p + 20, swap_), load32(b.p + 24, swap_), b.p + 28,
               b.length - kMinObsoletePacket, out);
}

void PcapngReader::on_simple_packet(const Block& b, RawPacket& out) {
    if (b.length < kMinSimplePacket) fail_block("simple packet block is too short");
    const Interface& ifc = interface_for(0);
    uint32_t wirelen = load32(b.p + 8, swap_);
    // The captured length is implicit: the smallest of wire length, snaplen
    // and the room in the block.
    uint32_t caplen = b.length - kMinSimplePacket;
    if (wirelen < caplen) caplen = wirelen;
    if (ifc.snaplen && ifc.snaplen < caplen) caplen = ifc.snaplen;
    Timestamp keep = last_ts_;
    set_packet(ifc, 0, caplen, wirelen, b.p + 12, b.length - kMinSimplePacket, out);
    out.ts = last_ts_ = keep;
}

}  // namespace tcpflow
