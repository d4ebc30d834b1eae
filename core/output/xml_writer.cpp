#include "output/xml_writer.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>
#include "output/number_format.h"

namespace tcpflow {

size_t xml_char_length(const unsigned char* s, size_t avail) {
    unsigned char c = s[0];
    if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;  // continuation byte, overlong lead (C0 C1) or past U+10FFFF
    if (avail < len) return 0;
    for (size_t i = 1; i < len; ++i) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;  // overlong
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;  // not XML characters
    return len;
}

XmlWriter::XmlWriter(const std::string& path, size_t buffer_size)
    : owns_fd_(true), name_(path), buf_(new char[buffer_size]), size_(buffer_size) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);  // the app passes a safe fd
    if (fd_ < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
}

XmlWriter::XmlWriter(int fd, std::string name, size_t buffer_size)
    : fd_(fd), owns_fd_(false), name_(std::move(name)), buf_(new char[buffer_size]), size_(buffer_size) {}

XmlWriter::~XmlWriter() {
    try {
        close();
    } catch (const std::exception&) {
        // A destructor cannot report; callers that care call close() themselves.
    }
}

void XmlWriter::write_all(const char* p, size_t n) {
    while (n > 0) {
        ssize_t w = ::write(fd_, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            // Half a record would leave a file no repair can close: cut back to the last whole one.
            if (records_ && ::ftruncate(fd_, static_cast<off_t>(record_end_)) == 0)
                written_ = record_end_;
            throw std::runtime_error("cannot write " + name_ + ": " + std::strerror(err));
        }
        p += w;
        n -= static_cast<size_t>(w);
        written_ += static_cast<uint64_t>(w);
    }
}

void XmlWriter::flush_records() {
    if (mark_ == 0) return;
    if (fd_ < 0) throw std::runtime_error("cannot write " + name_ + ": already closed");
    const size_t n = mark_, rest = used_ - n;
    used_ = rest;  // a failed write is not retried: the caller learns of it once
    mark_ = 0;
    try {
        write_all(buf_.get(), n);
    } catch (...) {
        std::memmove(buf_.get(), buf_.get() + n, rest);
        throw;
    }
    record_end_ = written_;
    std::memmove(buf_.get(), buf_.get() + n, rest);  // the unfinished record moves to the front
}

void XmlWriter::make_room(size_t n) {
    if (!records_) {
        flush();
        return;
    }
    flush_records();
    if (n <= size_ - used_) return;
    // One record bigger than the buffer (a large scanner annotation): grow rather than split it.
    size_t bigger = std::max(size_ * 2, used_ + n);
    std::unique_ptr<char[]> b(new char[bigger]);
    std::memcpy(b.get(), buf_.get(), used_);
    buf_.swap(b);
    size_ = bigger;
}

void XmlWriter::abandon() {
    used_ = mark_ = 0;
    if (fd_ >= 0 && owns_fd_) ::close(fd_);
    fd_ = -1;
}

void XmlWriter::flush() {
    if (used_ == 0) return;
    if (fd_ < 0) throw std::runtime_error("cannot write " + name_ + ": already closed");
    size_t n = used_;
    bool at_record_end = records_ && mark_ == used_;
    used_ = 0;  // a failed write is not retried: the caller learns of it once
    mark_ = 0;
    write_all(buf_.get(), n);
    if (at_record_end) record_end_ = written_;
}

void XmlWriter::close() {
    if (fd_ < 0) return;
    try {
        flush();
    } catch (...) {
        if (owns_fd_) ::close(fd_);
        fd_ = -1;
        throw;
    }
    int fd = fd_;
    fd_ = -1;
    if (owns_fd_ && ::close(fd) != 0) throw std::runtime_error("cannot write " + name_ + ": " + std::strerror(errno));
}

void XmlWriter::put(const char* p, size_t n) {
    if (n > size_ - used_) {
        make_room(n);
        if (!records_ && n >= size_) {
            write_all(p, n);
            return;
        }
    }
    std::memcpy(buf_.get() + used_, p, n);
    used_ += n;
}

XmlWriter& XmlWriter::raw(std::string_view s) {
    put(s.data(), s.size());
    return *this;
}

namespace {

/// Bytes that pass through unchanged: printable ASCII, minus the markup
/// characters when escaping text.
struct PlainBytes {
    bool ok[256] = {};
    explicit PlainBytes(bool markup) {
        for (int c = 0x20; c < 0x7f; ++c) ok[c] = true;
        if (!markup)
            for (unsigned char c : {'&', '<', '>', '\'', '"'}) ok[c] = false;
    }
};
const PlainBytes kPlainText(false), kPlainMarkup(true);

}  // namespace

void XmlWriter::escaped(std::string_view s, Context ctx) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    const unsigned char* end = p + s.size();
    const unsigned char* run = p;  // start of bytes that pass through unchanged
    const bool* plain = ctx == Context::Markup ? kPlainMarkup.ok : kPlainText.ok;
    while (p < end) {
        while (p < end && plain[*p]) ++p;  // the common case: runs of ordinary ASCII
        if (p == end) break;
        unsigned char c = *p;
        const char* rep = nullptr;
        if (c >= 0x20 && c < 0x80) {
            if (ctx != Context::Markup) {
                switch (c) {
                    case '&': rep = "&amp;"; break;
                    case '<': rep = "&lt;"; break;
                    case '>': rep = "&gt;"; break;
                    case '\'': rep = "&apos;"; break;
                    case '"': rep = "&quot;"; break;
                    default: break;
                }
            }
            if (!rep) { ++p; continue; }
        } else {
            size_t len = xml_char_length(p, static_cast<size_t>(end - p));
            if (len > 0 && !(ctx == Context::Attribute && len == 1)) {
                p += len;
                continue;
            }
            if (len == 1) {  // tab, CR, LF inside an attribute
                rep = c == '\t' ? "&#9;" : c == '\n' ? "&#10;" : "&#13;";
            }
        }
        put(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
        if (rep) {
            put(rep, std::strlen(rep));
        } else {
            char bad[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            put(bad, 4);
        }
        run = ++p;
    }
    put(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
}

XmlWriter& XmlWriter::raw_sanitized(std::string_view s) {
    escaped(s, Context::Markup);
    return *this;
}

XmlWriter& XmlWriter::text(std::string_view s) {
    escaped(s, Context::Text);
    return *this;
}

XmlWriter& XmlWriter::attr(std::string_view name, std::string_view value) {
    put(' ');
    put(name.data(), name.size());
    put("='", 2);
    escaped(value, Context::Attribute);
    put('\'');
    return *this;
}

XmlWriter& XmlWriter::attr(std::string_view name, uint64_t value) {
    put(' ');
    put(name.data(), name.size());
    put("='", 2);
    number(value);
    put('\'');
    return *this;
}

XmlWriter& XmlWriter::number(uint64_t v) {
    char buf[20];
    char* first = format_decimal_backwards(v, buf + sizeof buf);
    put(first, static_cast<size_t>(buf + sizeof buf - first));
    return *this;
}

XmlWriter& XmlWriter::signed_number(int64_t v) {
    if (v < 0) {
        put('-');
        return number(0 - static_cast<uint64_t>(v));
    }
    return number(static_cast<uint64_t>(v));
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view value) {
    put('<');
    put(name.data(), name.size());
    put('>');
    text(value);
    put("</", 2);
    put(name.data(), name.size());
    put('>');
    return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, uint64_t v) {
    put('<');
    put(name.data(), name.size());
    put('>');
    number(v);
    put("</", 2);
    put(name.data(), name.size());
    put('>');
    return *this;
}

}  // namespace tcpflow
