// A small JSON text builder for the flow log: objects, arrays, strings, numbers,
// booleans, appended to a std::string with commas placed for the caller. Strings are
// written as valid UTF-8 whatever the input holds: control characters are escaped and
// bytes that are not UTF-8 become U+FFFD, so one bad byte in a URI cannot make a line
// that JSON readers refuse.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tcpflow {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    /// The member name; the value follows with one of the value calls.
    JsonWriter& key(std::string_view k);
    JsonWriter& string(std::string_view v);
    JsonWriter& number(uint64_t v);
    JsonWriter& signed_number(int64_t v);
    JsonWriter& boolean(bool v);
    JsonWriter& null();
    /// A value already written as JSON text by another JsonWriter.
    JsonWriter& raw_value(std::string_view json);

    // Shorthands for one member.
    JsonWriter& member(std::string_view k, std::string_view v) { return key(k).string(v); }
    JsonWriter& member(std::string_view k, const char* v) { return key(k).string(v); }
    JsonWriter& member(std::string_view k, uint64_t v) { return key(k).number(v); }

private:
    void before_value();

    std::string& out_;
    bool need_comma_ = false;  // a value was written at this nesting level
    bool after_key_ = false;
};

/// Appends `s` as a quoted JSON string (see JsonWriter).
void append_json_string(std::string& out, std::string_view s);

}  // namespace tcpflow
