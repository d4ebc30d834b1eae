// A string that most objects never set, costing one pointer until the first write
// instead of a std::string's 32 bytes. FlowInfo holds two (what scanners add to a
// flow's record): with hundreds of thousands of open flows, those bytes are part of
// what keeps us within tcpflow 1.6.1's memory per flow.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace tcpflow {

class LazyString {
public:
    LazyString() = default;
    LazyString(const LazyString& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
    LazyString& operator=(const LazyString& o) {
        if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
        return *this;
    }
    LazyString(LazyString&&) noexcept = default;
    LazyString& operator=(LazyString&&) noexcept = default;

    LazyString& operator=(std::string_view s) {
        if (s.empty()) p_.reset();
        else edit().assign(s.data(), s.size());
        return *this;
    }
    LazyString& operator+=(std::string_view s) {
        if (!s.empty()) edit().append(s.data(), s.size());
        return *this;
    }
    /// The text ("" when never set).
    const std::string& str() const {
        static const std::string kEmpty;
        return p_ ? *p_ : kEmpty;
    }
    bool empty() const { return !p_ || p_->empty(); }
    /// The text to change in place, made on first use.
    std::string& edit() {
        if (!p_) p_ = std::make_unique<std::string>();
        return *p_;
    }
    /// Back to one pointer.
    void reset() { p_.reset(); }

private:
    std::unique_ptr<std::string> p_;
};

}  // namespace tcpflow
