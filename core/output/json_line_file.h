// The one file the JSON flow log goes to, shared by every JsonFlowLog instance (one per
// worker when the pipeline runs several): each append is a whole line, taken under a lock,
// so lines from several threads never interleave. Lines wait in memory for speed but never
// longer than the durability bound (flush_aged), like report.xml's records. A write error
// is thrown once (naming the file); nothing more is written after it.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace tcpflow {

class JsonLineFile {
public:
    /// `fd` is owned and closed unless it is standard output. `name` is used in errors.
    JsonLineFile(int fd, std::string name, uint32_t flush_interval_ms);
    ~JsonLineFile();
    JsonLineFile(const JsonLineFile&) = delete;
    JsonLineFile& operator=(const JsonLineFile&) = delete;

    /// One JSON value, without the newline.
    void append_line(std::string_view json);
    /// The durability tick (monotonic wall-clock ms).
    void flush_aged(uint64_t now_ms);
    /// Writes what waits and closes the file; later calls do nothing.
    void close();
    /// Lines appended so far.
    uint64_t lines() const;

private:
    void write_out();  // with mu_ held

    mutable std::mutex mu_;
    int fd_;
    std::string name_;
    uint32_t flush_interval_ms_;
    std::string buf_;
    uint64_t lines_ = 0;
    uint64_t now_ms_ = 0;
    uint64_t waiting_since_ms_ = 0;
    bool failed_ = false;
    bool closed_ = false;
};

}  // namespace tcpflow
