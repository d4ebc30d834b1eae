#include "capture/live_capture.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>

#include "capture/bpf_filter.h"
#include "capture/linktype.h"

namespace tcpflow {
namespace {

std::string default_device() {
    char err[PCAP_ERRBUF_SIZE] = "";
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, err) != 0)
        throw CaptureError(std::string("cannot list capture devices: ") + err);
    // libpcap sorts devices that are up, running and not loopback first.
    std::string name = all ? all->name : "";
    pcap_freealldevs(all);
    if (name.empty()) throw CaptureError("no capture device found; name one with -i");
    return name;
}

// Turns pcap_activate's status codes into the advice a user needs.
std::string activate_error(int rc, pcap_t* p) {
    std::string detail = pcap_geterr(p);
    switch (rc) {
        case PCAP_ERROR_NO_SUCH_DEVICE: return "no such device";  // pcap's detail only repeats it
        case PCAP_ERROR_PERM_DENIED:
            return "permission denied (run as root or give the program CAP_NET_RAW)" +
                   (detail.empty() ? "" : ": " + detail);
        case PCAP_ERROR_PROMISC_PERM_DENIED: return "not allowed to enter promiscuous mode (try -p)";
        case PCAP_ERROR_IFACE_NOT_UP: return "the interface is not up";
        case PCAP_ERROR_RFMON_NOTSUP: return "monitor mode is not supported";
        default: return detail.empty() ? pcap_statustostr(rc) : detail;
    }
}

}  // namespace

LiveCapture::LiveCapture(const LiveOptions& opt)
    : device_(opt.device.empty() ? default_device() : opt.device) {
    try {
        activate(opt);
        if (!opt.filter.empty()) install_filter(opt.filter);
    } catch (...) {
        // No destructor runs for an object whose constructor threw.
        if (pcap_) pcap_close(pcap_);
        pcap_ = nullptr;
        throw;
    }
}

LiveCapture::~LiveCapture() {
    if (pcap_) pcap_close(pcap_);
}

void LiveCapture::fail(const std::string& what) const { throw CaptureError(describe() + ": " + what); }

void LiveCapture::activate(const LiveOptions& opt) {
    char err[PCAP_ERRBUF_SIZE] = "";
    pcap_ = pcap_create(device_.c_str(), err);
    if (!pcap_) fail(err);
    pcap_set_snaplen(pcap_, opt.snaplen);
    pcap_set_promisc(pcap_, opt.promiscuous ? 1 : 0);
    // How long packets may sit in a kernel buffer before we are woken, and
    // how often an idle next() looks at the stop flag.
    pcap_set_timeout(pcap_, opt.timeout_ms > 0 ? opt.timeout_ms : 10);
    pcap_set_immediate_mode(pcap_, 0);
    // libpcap's 2 MiB default overflows in one loopback burst (64 KiB frames)
    // and the kernel then drops; a drop is counted, never silent (capture_stats).
    if (opt.buffer_bytes && pcap_set_buffer_size(pcap_, static_cast<int>(opt.buffer_bytes)) != 0)
        fail("cannot set the capture buffer size");
    nanosecond_ = pcap_set_tstamp_precision(pcap_, PCAP_TSTAMP_PRECISION_NANO) == 0;
    int rc = pcap_activate(pcap_);
    if (rc < 0) fail(activate_error(rc, pcap_));
    // rc > 0 is a warning (e.g. promiscuous mode unsupported): capture works.
    // Linux (TPACKET_V3) never wakes a blocking read on an idle interface, so
    // we read without blocking and wait in our own poll(), which both the
    // timeout and a signal interrupt.
    fd_ = pcap_get_selectable_fd(pcap_);
    if (fd_ >= 0 && pcap_setnonblock(pcap_, 1, err) != 0) fail(err);
    timeout_ms_ = opt.timeout_ms > 0 ? opt.timeout_ms : 10;
    linktype_ = linktype_from_dlt(pcap_datalink(pcap_));
    int snap = pcap_snapshot(pcap_);
    snaplen_ = snap > 0 ? static_cast<uint32_t>(snap) : static_cast<uint32_t>(opt.snaplen);
}

bool LiveCapture::capture_stats(CaptureStats& out) const {
    pcap_stat ps{};
    if (pcap_stats(pcap_, &ps) != 0) return false;
    out.received_by_filter = ps.ps_recv;
    out.dropped_by_kernel = ps.ps_drop;
    out.dropped_by_interface = ps.ps_ifdrop;
    return true;
}

void LiveCapture::install_filter(const std::string& expr) {
    bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
    char err[PCAP_ERRBUF_SIZE];
    // The netmask only matters for "broadcast"; unknown is fine without it.
    if (pcap_lookupnet(device_.c_str(), &net, &mask, err) != 0) mask = PCAP_NETMASK_UNKNOWN;
    bpf_program prog{};
    if (pcap_compile(pcap_, &prog, expr.c_str(), 1, mask) != 0)
        throw CaptureError(bad_filter_message(expr, pcap_geterr(pcap_)));
    int rc = pcap_setfilter(pcap_, &prog);
    pcap_freecode(&prog);
    if (rc != 0) fail(std::string("cannot install the filter: ") + pcap_geterr(pcap_));
}

ReadStatus LiveCapture::read(RawPacket& out) {
    for (bool waited = false;; waited = true) {
        pcap_pkthdr* h = nullptr;
        const u_char* data = nullptr;
        int rc = pcap_next_ex(pcap_, &h, &data);
        if (rc == 1) {
            out.ts.sec = h->ts.tv_sec;
            // With nanosecond precision libpcap stores nanoseconds in tv_usec.
            out.ts.nsec = static_cast<uint32_t>(h->ts.tv_usec) * (nanosecond_ ? 1u : 1000u);
            out.dlt = linktype_;
            out.caplen = h->caplen;
            out.wirelen = h->len < h->caplen ? h->caplen : h->len;
            out.data = data;
            return ReadStatus::Packet;
        }
        if (rc == PCAP_ERROR_BREAK) return ReadStatus::End;
        if (rc != 0) fail(std::string("capture failed: ") + pcap_geterr(pcap_));
        // The ring is empty for now. On a stop, wait once more for the kernel to hand
        // over the block it is still filling (retired after the timeout), then end.
        if (capture_stop_requested()) {
            if (drained_) return ReadStatus::End;
            drained_ = true;
            wait_for_packets();
            continue;
        }
        if (waited) return ReadStatus::Idle;
        wait_for_packets();
    }
}

void LiveCapture::wait_for_packets() {
    if (fd_ < 0) return;  // no selectable fd: pcap_next_ex itself honours the timeout
    pollfd pfd{fd_, POLLIN, 0};
    // Bounded so that an idle capture still returns to the caller's loop (read() -> Idle).
    int rc = ::poll(&pfd, 1, timeout_ms_ < 100 ? timeout_ms_ : 100);
    if (rc < 0 && errno != EINTR) fail(std::string("poll failed: ") + std::strerror(errno));
}

std::unique_ptr<PacketSource> open_live(const LiveOptions& opt) { return std::make_unique<LiveCapture>(opt); }

}  // namespace tcpflow
