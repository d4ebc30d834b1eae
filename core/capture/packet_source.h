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

/// What read() found: a packet, nothing yet (a pipe or interface with no complete record
/// right now: the caller may do its periodic work and call again), or the end of input.
enum class ReadStatus { Packet, Idle, End };

class PacketSource {
public:
    virtual ~PacketSource() = default;
    /// Next packet, or Idle after waiting at most ~100 ms for one (pipes, FIFOs, live
    /// capture; a regular file never idles). After request_capture_stop() a source hands
    /// out what it has already received (read buffer, pipe buffer, capture ring) and then
    /// returns End. Throws CaptureError on corruption.
    virtual ReadStatus read(RawPacket& out) = 0;
    /// read() until a packet or the end: for callers with nothing to do while idle.
    bool next(RawPacket& out) {
        for (;;) {
            ReadStatus s = read(out);
            if (s != ReadStatus::Idle) return s == ReadStatus::Packet;
        }
    }
    /// True for a source whose read() can return Idle (pipes, FIFOs, live capture).
    virtual bool can_idle() const { return false; }
    /// True when read() returned End because of a stop request, before the input's end.
    virtual bool stopped_early() const { return false; }
    /// Bytes of the input consumed so far (decompressed bytes for gzip input), for the
    /// report's <interrupted input_offset=>; 0 where it means nothing (live capture).
    virtual uint64_t offset() const { return 0; }
    /// Link type of the first interface (what -w copies).
    virtual int primary_dlt() const = 0;
    virtual uint32_t snaplen() const = 0;
    /// "file.pcap", "stdin" or "interface eth0", for messages and the report.
    virtual std::string describe() const = 0;
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
/// Live capture. read() drains the capture ring and ends once request_capture_stop() was called.
/// Throws CaptureError naming the interface (or the bad filter) when it cannot start.
std::unique_ptr<PacketSource> open_live(const LiveOptions& opt);
/// Async-signal-safe: every source drains what it has already received, then ends.
/// `signo` (0: none) is kept for capture_stop_signal().
void request_capture_stop(int signo = 0);
bool capture_stop_requested();
/// The signal that requested the stop (the first one), 0 if none.
int capture_stop_signal();
/// Clears the stop request, for a program (or test) that captures again.
void reset_capture_stop();

}  // namespace tcpflow
