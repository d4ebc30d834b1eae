// An append-only XML writer for report.xml: markup goes out as given, text and
// attribute values are escaped, numbers are formatted without iostreams, and
// everything passes through one large buffer so a report of 400,000 flows costs
// a few hundred write() calls. Whatever bytes it is handed (control characters,
// invalid UTF-8), the output stays well-formed XML 1.0.
//
// Records: once the caller marks record ends (mark()), bytes reach the file
// only in whole records: a full buffer writes up to the last mark (and grows
// when one record outgrows it), so a process killed at any moment leaves a
// file that ends between records. A write that fails (disk full) cuts the file
// back to the last record end on disk before it throws.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tcpflow {

class XmlWriter {
public:
    /// Creates (truncates) `path`, refusing a link there (tcpflow opens its report
    /// through OutputDir and passes the fd). Throws std::runtime_error naming path and strerror.
    explicit XmlWriter(const std::string& path, size_t buffer_size = 256 << 10);
    /// Writes to an fd the caller owns (stdout, tests); `name` is used in errors.
    XmlWriter(int fd, std::string name, size_t buffer_size = 256 << 10);
    ~XmlWriter();  // flushes and closes without throwing; call close() to see errors
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    /// Trusted markup, written as is.
    XmlWriter& raw(std::string_view s);
    /// Markup from elsewhere (scanner fragments): written as is except that
    /// characters XML 1.0 forbids and invalid UTF-8 become the text \xNN.
    XmlWriter& raw_sanitized(std::string_view s);
    /// Character data: & < > ' " escaped, forbidden characters become \xNN.
    XmlWriter& text(std::string_view s);
    /// " name='value'" with the value escaped (also tab/CR/LF, which attribute
    /// normalisation would otherwise turn into spaces).
    XmlWriter& attr(std::string_view name, std::string_view value);
    XmlWriter& attr(std::string_view name, uint64_t value);
    XmlWriter& number(uint64_t v);
    XmlWriter& signed_number(int64_t v);
    /// <name>escaped text</name>
    XmlWriter& element(std::string_view name, std::string_view text);
    XmlWriter& element(std::string_view name, uint64_t v);

    /// Push buffered bytes to the file. Throws std::runtime_error on a write error.
    void flush();
    /// A record ends here: what is before it may be written on its own.
    void mark() {
        records_ = true;
        mark_ = used_;
    }
    /// Write every complete record still buffered. Throws on a write error.
    void flush_records();
    /// After a write error: drop what is buffered and close without writing more.
    void abandon();
    /// Flush and close (if owned). Throws on error; idempotent.
    void close();
    bool is_open() const { return fd_ >= 0; }
    const std::string& name() const { return name_; }

private:
    enum class Context { Text, Attribute, Markup };
    void put(const char* p, size_t n);
    void put(char c) {
        if (used_ == size_) make_room(1);
        buf_[used_++] = c;
    }
    void escaped(std::string_view s, Context ctx);
    void write_all(const char* p, size_t n);
    void make_room(size_t n);

    int fd_ = -1;
    bool owns_fd_ = false;
    std::string name_;
    std::unique_ptr<char[]> buf_;
    size_t size_ = 0, used_ = 0;
    bool records_ = false;     // mark() was called: never write part of a record
    size_t mark_ = 0;          // end of the last complete record in buf_
    uint64_t written_ = 0;     // bytes the file has from us
    uint64_t record_end_ = 0;  // file offset of the last record end on disk
};

/// Length of the valid XML character (UTF-8 encoded) starting at s[0], or 0
/// when s[0] does not start one (control byte, invalid or overlong UTF-8,
/// surrogate, U+FFFE/U+FFFF).
size_t xml_char_length(const unsigned char* s, size_t avail);

}  // namespace tcpflow
