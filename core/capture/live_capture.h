// A live interface through libpcap. Kept apart from the file readers: it is
// the only source that blocks, and the only one the stop flag concerns.
#pragma once
#include <pcap/pcap.h>

#include "capture/packet_source.h"

namespace tcpflow {

class LiveCapture : public PacketSource {
public:
    /// Opens and activates the device; throws CaptureError with pcap's reason.
    explicit LiveCapture(const LiveOptions& opt);
    ~LiveCapture() override;
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    ReadStatus read(RawPacket& out) override;
    bool can_idle() const override { return true; }
    bool stopped_early() const override { return drained_; }
    int primary_dlt() const override { return linktype_; }
    uint32_t snaplen() const override { return snaplen_; }
    std::string describe() const override { return "interface " + device_; }
    bool capture_stats(CaptureStats& out) const override;

    /// Compiles `expr` and installs it in the kernel (or libpcap's userland
    /// filter where the platform has none). Throws CaptureError on a bad expression.
    void install_filter(const std::string& expr);
    pcap_t* handle() const { return pcap_; }

private:
    [[noreturn]] void fail(const std::string& what) const;
    void activate(const LiveOptions& opt);
    void wait_for_packets();

    std::string device_;
    pcap_t* pcap_ = nullptr;
    int linktype_ = 0;
    uint32_t snaplen_ = 0;
    bool nanosecond_ = false;
    int fd_ = -1;
    int timeout_ms_ = 10;
    bool drained_ = false;  // after a stop: the last wait for the kernel's open block is done
};

}  // namespace tcpflow
