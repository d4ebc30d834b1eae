// Builds small pcap and pcapng images in memory for the capture tests, writes
// them to temporary files, and reads captures back into plain values.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

#include "capture/packet_source.h"

namespace tcpflow {
namespace testcap {

inline std::string data_dir() {
#ifdef CAPTURE_TEST_DATA
    return CAPTURE_TEST_DATA;
#else
    const char* s = std::getenv("srcdir");
    return std::string(s ? s : ".") + "/tests/unit/capture";
#endif
}

/// Appends integers in a chosen byte order.
struct Bytes {
    std::vector<uint8_t> v;
    bool big_endian = false;

    void u8(uint8_t x) { v.push_back(x); }
    void u16(uint16_t x) { put(x, 2); }
    void u32(uint32_t x) { put(x, 4); }
    void u64(uint64_t x) { put(x, 8); }
    void raw(const std::vector<uint8_t>& d) { v.insert(v.end(), d.begin(), d.end()); }
    void pad4() { while (v.size() % 4) v.push_back(0); }
    void set32(size_t at, uint32_t x) {
        for (int i = 0; i < 4; ++i) v[at + i] = uint8_t(x >> (big_endian ? 8 * (3 - i) : 8 * i));
    }
    void put(uint64_t x, int n) {
        for (int i = 0; i < n; ++i) v.push_back(uint8_t(x >> (big_endian ? 8 * (n - 1 - i) : 8 * i)));
    }
};

inline std::vector<uint8_t> payload(size_t n, uint8_t seed) {
    std::vector<uint8_t> d(n);
    for (size_t i = 0; i < n; ++i) d[i] = uint8_t(seed + i);
    return d;
}

// ---- classic pcap ----
inline Bytes pcap_file(bool big_endian, bool nsec, uint32_t snaplen, uint32_t linktype, uint16_t major = 2,
                       uint16_t minor = 4) {
    Bytes b;
    b.big_endian = big_endian;
    b.u32(nsec ? 0xa1b23c4d : 0xa1b2c3d4);
    b.u16(major);
    b.u16(minor);
    b.u32(0);
    b.u32(0);
    b.u32(snaplen);
    b.u32(linktype);
    return b;
}
inline void pcap_record(Bytes& b, uint32_t sec, uint32_t frac, const std::vector<uint8_t>& d,
                        uint32_t wirelen = 0, uint32_t caplen_field = UINT32_MAX) {
    b.u32(sec);
    b.u32(frac);
    b.u32(caplen_field == UINT32_MAX ? uint32_t(d.size()) : caplen_field);
    b.u32(wirelen ? wirelen : uint32_t(d.size()));
    b.raw(d);
}

// ---- pcapng ----
/// Writes a block: type, length, body (padded), length.
inline void ng_block(Bytes& b, uint32_t type, const std::vector<uint8_t>& body) {
    uint32_t len = 12 + uint32_t((body.size() + 3) & ~size_t(3));
    b.u32(type);
    b.u32(len);
    b.raw(body);
    b.pad4();
    b.u32(len);
}
inline Bytes ng_body(const Bytes& like) {
    Bytes x;
    x.big_endian = like.big_endian;
    return x;
}
inline void ng_option(Bytes& body, uint16_t code, const std::vector<uint8_t>& value) {
    body.u16(code);
    body.u16(uint16_t(value.size()));
    body.raw(value);
    body.pad4();
}
inline void ng_section(Bytes& b, uint16_t major = 1) {
    Bytes body = ng_body(b);
    body.u32(0x1a2b3c4d);
    body.u16(major);
    body.u16(0);
    body.u64(UINT64_MAX);  // section length unknown
    ng_block(b, 0x0a0d0d0a, body.v);
}
/// tsresol < 0: no option. tsoffset 0: no option.
inline void ng_interface(Bytes& b, uint16_t linktype, uint32_t snaplen, int tsresol = -1, int64_t tsoffset = 0) {
    Bytes body = ng_body(b);
    body.u16(linktype);
    body.u16(0);
    body.u32(snaplen);
    if (tsresol >= 0) ng_option(body, 9, {uint8_t(tsresol)});
    if (tsoffset) {
        Bytes v = ng_body(b);
        v.u64(uint64_t(tsoffset));
        ng_option(body, 14, v.v);
    }
    if (tsresol >= 0 || tsoffset) ng_option(body, 0, {});
    ng_block(b, 1, body.v);
}
inline void ng_enhanced(Bytes& b, uint32_t iface, uint64_t ts, const std::vector<uint8_t>& d, uint32_t wirelen = 0,
                        uint32_t caplen_field = UINT32_MAX) {
    Bytes body = ng_body(b);
    body.u32(iface);
    body.u32(uint32_t(ts >> 32));
    body.u32(uint32_t(ts));
    body.u32(caplen_field == UINT32_MAX ? uint32_t(d.size()) : caplen_field);
    body.u32(wirelen ? wirelen : uint32_t(d.size()));
    body.raw(d);
    ng_block(b, 6, body.v);
}
inline void ng_simple(Bytes& b, const std::vector<uint8_t>& d, uint32_t wirelen) {
    Bytes body = ng_body(b);
    body.u32(wirelen);
    body.raw(d);
    ng_block(b, 3, body.v);
}
inline void ng_obsolete(Bytes& b, uint16_t iface, uint64_t ts, const std::vector<uint8_t>& d) {
    Bytes body = ng_body(b);
    body.u16(iface);
    body.u16(0);
    body.u32(uint32_t(ts >> 32));
    body.u32(uint32_t(ts));
    body.u32(uint32_t(d.size()));
    body.u32(uint32_t(d.size()));
    body.raw(d);
    ng_block(b, 2, body.v);
}

// ---- files ----
/// A file in /tmp removed when the test ends.
class TempFile {
public:
    explicit TempFile(const char* suffix = "") {
        std::string tmpl = std::string("/tmp/tcpflow-capture-test-XXXXXX") + suffix;
        std::vector<char> b(tmpl.begin(), tmpl.end());
        b.push_back('\0');
        int fd = mkstemps(b.data(), int(std::string(suffix).size()));
        if (fd >= 0) ::close(fd);
        path_ = b.data();
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

    void write(const std::vector<uint8_t>& d) const {
        FILE* f = std::fopen(path_.c_str(), "wb");
        if (!f) return;
        if (!d.empty()) std::fwrite(d.data(), 1, d.size(), f);
        std::fclose(f);
    }
    void write_gzip(const std::vector<uint8_t>& d) const {
        gzFile g = gzopen(path_.c_str(), "wb");
        if (!g) return;
        if (!d.empty()) gzwrite(g, d.data(), unsigned(d.size()));
        gzclose(g);
    }

private:
    std::string path_;
};

inline std::vector<uint8_t> read_file(const std::string& path) {
    std::vector<uint8_t> d;
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return d;
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) d.insert(d.end(), buf, buf + n);
    std::fclose(f);
    return d;
}

/// A packet copied out of the reader's buffer.
struct Packet {
    Timestamp ts;
    int dlt = 0;
    uint32_t caplen = 0;
    uint32_t wirelen = 0;
    std::vector<uint8_t> data;
};

/// Everything a capture yields: the packets, then the error if one ended it.
struct ReadResult {
    std::vector<Packet> packets;
    std::string error;  // empty: clean end
    int primary_dlt = -1;
    uint32_t snaplen = 0;
};

inline ReadResult read_capture(const std::string& path) {
    ReadResult r;
    try {
        auto src = open_capture_file(path);
        r.primary_dlt = src->primary_dlt();
        r.snaplen = src->snaplen();
        RawPacket p;
        while (src->next(p)) {
            Packet c;
            c.ts = p.ts;
            c.dlt = p.dlt;
            c.caplen = p.caplen;
            c.wirelen = p.wirelen;
            c.data.assign(p.data, p.data + p.caplen);
            r.packets.push_back(std::move(c));
        }
    } catch (const CaptureError& e) {
        r.error = e.what();
    }
    return r;
}

inline ReadResult read_bytes(const std::vector<uint8_t>& image) {
    TempFile f(".pcap");
    f.write(image);
    ReadResult r = read_capture(f.path());
    // Drop the random temp name so tests can compare whole messages.
    auto at = r.error.find(f.path());
    if (at != std::string::npos) r.error.replace(at, f.path().size(), "FILE");
    return r;
}

}  // namespace testcap
}  // namespace tcpflow
