// Where packets come from: capture files (pcap/pcapng, plain or gzip, or stdin)
// read by our own bounded reader, or a live interface through libpcap.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include "util/timestamp.h"

namespace tcpflow {

/// A capture cannot be opened or read any further; what() is one line naming
/// the file and the reason. Packets returned before it are valid and kept.
struct CaptureError : std::runtime_error { using std::runtime_error::runtime_error; };

struct RawPacket {
    Timestamp ts;
    int dlt = 0;             // LINKTYPE of this packet (pcapng: of its interface)
    uint32_t caplen = 0;     // bytes readable at data
    uint32_t wirelen = 0;    // original length on the wire
    const uint8_t* data = nullptr;  // valid until the next call to next()
};

/// What the kernel says about a live capture, as tcpdump prints it at the end.
struct CaptureStats {
    uint64_t captured = 0;              // packets the recorder read (filled by the recorder)
    uint64_t received_by_filter = 0;    // ps_recv
    uint64_t dropped_by_kernel = 0;     // ps_drop: the kernel buffer was full
    uint64_t dropped_by_interface = 0;  // ps_ifdrop
};

class PacketSource {
public:
    virtual ~PacketSource() = default;
    /// Next packet; false at the end of input. Throws CaptureError on corruption.
    virtual bool next(RawPacket& out) = 0;
    /// Link type of the first interface (what -w copies).
    virtual int primary_dlt() const = 0;
    virtual uint32_t snaplen() const = 0;
    /// "file.pcap", "stdin" or "interface eth0", for messages and the report.
    virtual std::string describe() const = 0;
    /// True when packets may come from several interfaces with their own link
    /// types (pcapng), so an unsupported first interface does not doom the rest.
    virtual bool multi_interface() const { return false; }
    /// A live source's kernel counters so far (pcap_stats); false for files.
    virtual bool capture_stats(CaptureStats&) const { return false; }
};

/// A capture file; "-" is stdin. gzip-compressed input is read directly (zlib).
std::unique_ptr<PacketSource> open_capture_file(const std::string& path);

struct LiveOptions {
    std::string device;        // empty: libpcap's default device
    bool promiscuous = true;   // -p clears it
    int timeout_ms = 10;       // -S packet-buffer-timeout
    int snaplen = 262144;
    uint64_t buffer_bytes = 32ull << 20;  // -S capture_buffer: kernel buffer; 0 = libpcap's default
    std::string filter;        // BPF expression installed in the kernel; empty: none
};
/// Live capture. next() returns false once request_capture_stop() was called.
/// Throws CaptureError naming the interface (or the bad filter) when it cannot start.
std::unique_ptr<PacketSource> open_live(const LiveOptions& opt);
/// Async-signal-safe: makes every live source's next() return false soon.
void request_capture_stop();
bool capture_stop_requested();
/// Clears the stop request, for a program (or test) that captures again.
void reset_capture_stop();

}  // namespace tcpflow
