#include "capture/pcap_writer.h"
#include "util/full_io.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace tcpflow {

PcapWriter::~PcapWriter() {
    try {
        close();
    } catch (const std::exception&) {
        // A destructor must not throw; callers who care call close() first.
    }
}

void PcapWriter::fail(const char* doing, int err) const {
    throw std::runtime_error("cannot " + std::string(doing) + " '" + path_ + "': " + std::strerror(err));
}

void PcapWriter::open(const std::string& path, int linktype, uint32_t snaplen, const PcapWriterOptions& options) {
    close();
    path_ = path;
    int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (options.append ? O_APPEND : O_TRUNC);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) fail("create", errno);
    open(fd, path, linktype, snaplen, options);
}

void PcapWriter::open(int fd, const std::string& name, int linktype, uint32_t snaplen,
                      const PcapWriterOptions& options) {
    close();
    path_ = name;
    fd_ = fd;
    snaplen_ = snaplen ? snaplen : 262144;
    nanosecond_ = options.nanosecond;
    buf_.resize(options.buffer_size < 4096 ? 4096 : options.buffer_size);
    used_ = 0;
    struct stat st {};
    bool has_header = options.append && ::fstat(fd_, &st) == 0 && st.st_size > 0;
    if (!has_header) put_header(linktype);
}

void PcapWriter::put(const void* p, size_t n) {
    const uint8_t* b = static_cast<const uint8_t*>(p);
    if (used_ + n > buf_.size()) flush();
    if (n >= buf_.size()) {  // larger than the buffer: write it through
        if (const int err = write_all(fd_, b, n)) fail("write", err);
        return;
    }
    std::memcpy(buf_.data() + used_, b, n);
    used_ += n;
}

void PcapWriter::put32(uint32_t v) { put(&v, sizeof v); }  // host order, as libpcap writes

void PcapWriter::put_header(int linktype) {
    put32(nanosecond_ ? 0xa1b23c4d : 0xa1b2c3d4);
    uint16_t version[2] = {2, 4};
    put(version, sizeof version);
    put32(0);  // thiszone
    put32(0);  // sigfigs
    put32(snaplen_);
    put32(static_cast<uint32_t>(linktype));
}

void PcapWriter::write(const RawPacket& p) {
    if (fd_ < 0) throw std::runtime_error("cannot write '" + path_ + "': the file is not open");
    uint32_t caplen = p.caplen < snaplen_ ? p.caplen : snaplen_;
    uint32_t rec[4] = {static_cast<uint32_t>(p.ts.sec), nanosecond_ ? p.ts.nsec : p.ts.nsec / 1000, caplen,
                       p.wirelen < p.caplen ? p.caplen : p.wirelen};
    put(rec, sizeof rec);
    put(p.data, caplen);
}

void PcapWriter::flush() {
    const int err = write_all(fd_, buf_.data(), used_);
    used_ = 0;  // written, or it cannot go anywhere: not retried on close
    if (err) fail("write", err);
}

void PcapWriter::close() {
    if (fd_ < 0) return;
    int fd = fd_;
    try {
        flush();
    } catch (...) {
        ::close(fd);
        fd_ = -1;
        throw;
    }
    fd_ = -1;
    // close() reports delayed errors (NFS, quota) that write() did not.
    if (::close(fd) != 0) fail("close", errno);
}

}  // namespace tcpflow
