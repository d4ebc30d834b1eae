// Buffered input for capture files: plain or gzip (zlib detects which), from a
// path or stdin. Records are handed out as pointers into one large buffer, so
// reading a packet costs no allocation and no copy.
//
// Two ways in. A regular file is read with large gzread() calls, no poll, no
// clock. A pipe, FIFO, socket or terminal (stdin "-" or a path) is a stream:
// each read takes what has arrived (poll + read, inflate ourselves for gzip),
// so a record is handed out as soon as it is complete, and fill() gives up
// after a short wait (waiting()) so the caller's loop keeps its periodic work.
// On a stop request neither reads further, except that a stream first takes
// what is already in its pipe buffer (FIONREAD): already received, never lost.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
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
    /// ends first (available() then says how many there were), when a stop was
    /// requested (stopped()) or, once impatient, when a stream has not delivered
    /// them within the wait (waiting()). Invalidates earlier data() pointers only
    /// when it has to refill.
    bool fill(size_t n) { return end_ - pos_ >= n || refill(n); }
    const uint8_t* data() const { return buf_.data() + pos_; }
    size_t available() const { return end_ - pos_; }
    void consume(size_t n) { pos_ += n; }

    /// The last failed fill() was cut short by a stop request, not by the input's end.
    bool stopped() const { return stopped_; }
    /// The last failed fill() found a stream without the bytes yet; call again later.
    bool waiting() const { return waiting_; }
    /// After a failed fill() for one whole record: true with `idle` set when that is not an
    /// error (a stream without the bytes yet: idle; a stop or a clean end between records:
    /// not idle); false when the input ends inside the record (a truncated capture).
    bool short_read_is_expected(bool& idle) const {
        idle = waiting_;
        return waiting_ || stopped_ || available() == 0;
    }
    /// Patient (the default, for file headers): fill() on a stream waits as long as it
    /// takes. Impatient: it waits at most `ms` milliseconds.
    void set_patience(bool patient, int ms = 100) { patient_ = patient; wait_ms_ = ms; }
    /// Bytes consumed so far (after decompression).
    uint64_t offset() const { return base_ + pos_; }
    bool is_stream() const { return stream_ != nullptr; }

private:
    struct Stream;  // poll/read/inflate state of a pipe or FIFO

    bool refill(size_t n);
    void make_room(size_t n);
    bool refill_file(size_t n);
    bool refill_stream(size_t n);
    /// Reads what the stream has now into the buffer; false at its end.
    bool pull_stream(size_t limit);
    [[noreturn]] void fail_read();
    [[noreturn]] void fail_errno(const char* what, int err);

    std::string name_;
    void* gz_ = nullptr;  // gzFile, kept opaque so zlib.h stays out of headers
    std::unique_ptr<Stream> stream_;
    std::vector<uint8_t> buf_;
    size_t pos_ = 0;
    size_t end_ = 0;
    uint64_t base_ = 0;      // bytes moved out of the front of buf_
    size_t read_chunk_ = 0;  // largest single read request
    bool eof_ = false;
    bool stopped_ = false;
    bool waiting_ = false;
    bool patient_ = true;
    int wait_ms_ = 100;
};

}  // namespace tcpflow
