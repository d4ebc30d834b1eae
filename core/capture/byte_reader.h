// Buffered input for capture files: plain or gzip (zlib detects which), from a
// path or stdin. Records are handed out as pointers into one large buffer, so
// reading a packet costs no allocation and no copy.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tcpflow {

class ByteReader {
public:
    /// "-" reads stdin. Throws CaptureError when the file cannot be opened.
    explicit ByteReader(const std::string& path);
    ~ByteReader();
    ByteReader(const ByteReader&) = delete;
    ByteReader& operator=(const ByteReader&) = delete;

    /// "file.pcap" or "stdin": the name used in every message.
    const std::string& name() const { return name_; }

    /// Makes n contiguous bytes readable at data(). Returns false when the input
    /// ends first (available() then says how many there were). Invalidates
    /// earlier data() pointers only when it has to refill.
    bool fill(size_t n) { return end_ - pos_ >= n || refill(n); }
    const uint8_t* data() const { return buf_.data() + pos_; }
    size_t available() const { return end_ - pos_; }
    void consume(size_t n) { pos_ += n; }

private:
    bool refill(size_t n);
    [[noreturn]] void fail_read();

    std::string name_;
    void* gz_ = nullptr;  // gzFile, kept opaque so zlib.h stays out of headers
    std::vector<uint8_t> buf_;
    size_t pos_ = 0;
    size_t end_ = 0;
    size_t read_chunk_ = 0;  // largest single read request
    bool eof_ = false;
};

}  // namespace tcpflow
