// Hand-built frames for the decoder tests: each helper appends one header to
// a byte vector, so a test reads top-down like the packet it builds.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <initializer_list>
#include <string>
#include <vector>

namespace tcpflow {
namespace testframes {

using Bytes = std::vector<uint8_t>;

inline void put16(Bytes& b, uint16_t v) { b.push_back(uint8_t(v >> 8)); b.push_back(uint8_t(v)); }
inline void put32(Bytes& b, uint32_t v) { put16(b, uint16_t(v >> 16)); put16(b, uint16_t(v)); }
inline void append(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }
inline Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }
inline Bytes operator+(Bytes a, const Bytes& b) { append(a, b); return a; }

inline Bytes ether(uint16_t type, std::initializer_list<uint16_t> tags = {}, uint16_t tag_type = 0x8100) {
    Bytes b = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};  // dst ...02, src ...01
    for (uint16_t tci : tags) { put16(b, tag_type); put16(b, tci); }
    put16(b, type);
    return b;
}

struct Tcp {
    uint16_t sport = 1234, dport = 80;
    uint32_t seq = 1000, ack = 2000;
    uint8_t flags = 0x18;
    uint8_t doff_words = 5;  // data offset field
    Bytes options;           // appended after the 20 fixed bytes
};

inline Bytes tcp(const Tcp& t, const Bytes& payload = {}) {
    Bytes b;
    put16(b, t.sport); put16(b, t.dport); put32(b, t.seq); put32(b, t.ack);
    b.push_back(uint8_t(t.doff_words << 4)); b.push_back(t.flags);
    put16(b, 65535); put16(b, 0); put16(b, 0);
    append(b, t.options);
    append(b, payload);
    return b;
}
inline Bytes tcp(const Bytes& payload = {}) { return tcp(Tcp(), payload); }

struct Ip4 {
    uint32_t src = 0x0a000001, dst = 0x0a000002;  // 10.0.0.1 -> 10.0.0.2
    uint8_t proto = 6;
    uint16_t id = 0x1234;
    uint8_t ihl_words = 5;
    Bytes options;
    int total = -1;          // -1: computed
    bool more = false;
    uint16_t offset8 = 0;    // fragment offset in 8-byte units
    uint8_t ttl = 64;
};

inline Bytes ipv4(const Ip4& h, const Bytes& payload) {
    Bytes b;
    b.push_back(uint8_t(0x40 | h.ihl_words)); b.push_back(0);
    const size_t hl = 20 + h.options.size();
    put16(b, uint16_t(h.total >= 0 ? h.total : int(hl + payload.size())));
    put16(b, h.id);
    put16(b, uint16_t((h.more ? 0x2000 : 0) | (h.offset8 & 0x1fff)));
    b.push_back(h.ttl); b.push_back(h.proto); put16(b, 0);
    put32(b, h.src); put32(b, h.dst);
    append(b, h.options);
    append(b, payload);
    return b;
}
inline Bytes ipv4(const Bytes& payload) { return ipv4(Ip4(), payload); }

struct Ip6 {
    uint8_t next = 6;
    int plen = -1;  // -1: computed
    uint8_t src_last = 1, dst_last = 2;  // 2001:db8::1 -> 2001:db8::2
};

inline Bytes ipv6(const Ip6& h, const Bytes& payload) {
    Bytes b = {0x60, 0, 0, 0};
    put16(b, uint16_t(h.plen >= 0 ? h.plen : int(payload.size())));
    b.push_back(h.next); b.push_back(64);
    for (uint8_t last : {h.src_last, h.dst_last}) {
        Bytes a = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last};
        append(b, a);
    }
    append(b, payload);
    return b;
}
inline Bytes ipv6(const Bytes& payload) { return ipv6(Ip6(), payload); }

/// A generic IPv6 extension header (hop-by-hop, routing, destination options) of 8 bytes.
inline Bytes ext8(uint8_t next) { return {next, 0, 0, 0, 0, 0, 0, 0}; }
/// An IPv6 fragment header; offset in bytes (a multiple of 8).
inline Bytes frag6(uint8_t next, uint16_t offset, bool more, uint32_t id) {
    Bytes b = {next, 0};
    put16(b, uint16_t(offset | (more ? 1 : 0)));
    put32(b, id);
    return b;
}

inline Bytes slice(const Bytes& b, size_t from, size_t to) { return Bytes(b.begin() + from, b.begin() + to); }

}  // namespace testframes
}  // namespace tcpflow

#include <cppunit/extensions/HelperMacros.h>
#include "decode/decoder.h"

namespace tcpflow {
namespace testframes {

struct Result {
    DecodeStatus status;
    TcpSegment seg;
    std::string payload;  // copied: the segment's pointer dies with the frame
};

inline Result run(Decoder& d, int dlt, const Bytes& frame, Timestamp ts = Timestamp(), int wirelen = -1) {
    Result r;
    r.status = d.decode(dlt, ts, frame.data(), uint32_t(frame.size()),
                        uint32_t(wirelen >= 0 ? wirelen : int(frame.size())), r.seg);
    if (r.status == DecodeStatus::Tcp && r.seg.payload)
        r.payload.assign(reinterpret_cast<const char*>(r.seg.payload), r.seg.payload_len);
    return r;
}
inline Result run(int dlt, const Bytes& frame) {
    Decoder d;
    return run(d, dlt, frame);
}

/// Decodes every prefix frame[0..n) as a snaplen-cut capture of the whole frame.
/// Headers end at `headers_end` (where the TCP payload starts): a shorter prefix
/// must not yield a segment; a longer one yields exactly the captured payload,
/// never a byte past n. Each prefix sits in its own exact-size heap block, so
/// AddressSanitizer reports any read past caplen.
inline void check_every_prefix(int dlt, const Bytes& frame, size_t headers_end) {
    for (size_t n = 0; n <= frame.size(); ++n) {
        std::unique_ptr<uint8_t[]> copy(new uint8_t[n ? n : 1]);
        std::copy(frame.begin(), frame.begin() + n, copy.get());
        Decoder d;
        TcpSegment s;
        const DecodeStatus st = d.decode(dlt, Timestamp(), copy.get(), uint32_t(n), uint32_t(frame.size()), s);
        const std::string at = "prefix " + std::to_string(n) + " of " + std::to_string(frame.size());
        if (n < headers_end) {
            CPPUNIT_ASSERT_MESSAGE(at, st != DecodeStatus::Tcp);
            continue;
        }
        CPPUNIT_ASSERT_MESSAGE(at, st == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_MESSAGE(at, s.payload >= copy.get() && s.payload + s.payload_len <= copy.get() + n);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(at, uint32_t(n - headers_end), s.payload_len);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(at, uint32_t(frame.size() - headers_end), s.payload_wire_len);
    }
}

}  // namespace testframes
}  // namespace tcpflow
