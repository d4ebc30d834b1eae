// Link layer -> tunnels -> IPv4/IPv6 (+ fragment reassembly) -> TCP.
// Every length is checked against the captured bytes: nothing is read past caplen.
#pragma once
#include <cstdint>
#include <memory>
#include "decode/packet.h"
#include "decode/defrag.h"

namespace tcpflow {

enum class DecodeStatus {
    Tcp,              // `out` holds a TCP segment
    NotIp,            // a link-layer frame that carries no IP (ARP, LLDP, ...)
    NotTcp,           // IP, but not TCP (UDP, ICMP, ...), including inside tunnels
    FragmentHeld,     // an IP fragment was stored; the datagram is not complete yet
    Truncated,        // a header runs past the captured bytes (or a fragment was cut short)
    Malformed,        // impossible header values (bad IHL, TCP data offset < 5, nesting
                      // deeper than 16 headers, a fragment the defragmenter refused, ...)
};

struct DecoderStats {
    uint64_t frames = 0, tcp = 0, not_ip = 0, not_tcp = 0, truncated = 0, malformed = 0;
    uint64_t fragments = 0, datagrams_reassembled = 0;
};

class Decoder {
public:
    /// dlt: the pcap LINKTYPE/DLT value of the frames passed to decode().
    explicit Decoder(const DefragConfig& cfg = DefragConfig());
    ~Decoder();
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    /// True if `dlt` is a link type this decoder understands.
    static bool supports_dlt(int dlt);

    /// Decode one captured frame of link type `dlt`. `caplen` bytes are readable at `frame`.
    /// When tunnelled, `out` describes the innermost IP/TCP; the VLAN and MACs are the
    /// outermost. A fragment that completes a datagram returns Tcp with `out.payload`
    /// in the defragmenter's buffer (valid until the next call).
    DecodeStatus decode(int dlt, const Timestamp& ts, const uint8_t* frame, uint32_t caplen,
                        uint32_t wirelen, TcpSegment& out);

    const DecoderStats& stats() const { return stats_; }
    const DefragStats& defrag_stats() const;
    /// Whether the frame of the last decode() carried an IP fragment, and of which
    /// datagram (--shard-split keeps a datagram's frames together until it completes).
    bool last_fragment(FragmentKey& key) const;

private:
    void count(DecodeStatus status);

    struct Impl;
    std::unique_ptr<Impl> impl_;
    DecoderStats stats_;
};

}  // namespace tcpflow
