// Feeds a stream to a fresh parser whole, split in two at every byte, and
// byte by byte, and checks that every way gives the same transcript.
#pragma once
#include <cppunit/extensions/HelperMacros.h>

#include <deque>
#include <string>

#include "recording_events.h"

namespace tcpflow {
namespace http {
namespace test {

inline const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

/// Parses `stream` in the given pieces (each a length), then closes it.
inline RecordingEvents parse_pieces(const std::string& stream, const std::vector<size_t>& pieces,
                                    const std::deque<std::string>& methods = {}, bool close = true) {
    RecordingEvents ev;
    ev.request_methods = methods;
    MessageParser p(ev);
    size_t at = 0;
    for (size_t n : pieces) {
        p.data(at, bytes(stream) + at, n);
        at += n;
    }
    if (at < stream.size()) p.data(at, bytes(stream) + at, stream.size() - at);
    if (close) p.close();
    return ev;
}

/// The transcript of the whole stream, after checking that every split agrees with it.
inline RecordingEvents parse_every_split(const std::string& stream, const std::deque<std::string>& methods = {},
                                         bool close = true) {
    RecordingEvents whole = parse_pieces(stream, {}, methods, close);
    const std::string expected = whole.transcript();
    for (size_t cut = 1; cut < stream.size(); ++cut) {
        const std::string got = parse_pieces(stream, {cut}, methods, close).transcript();
        CPPUNIT_ASSERT_EQUAL_MESSAGE("split at byte " + std::to_string(cut), expected, got);
    }
    const std::vector<size_t> ones(stream.size(), 1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE("byte by byte", expected, parse_pieces(stream, ones, methods, close).transcript());
    return whole;
}

}  // namespace test
}  // namespace http
}  // namespace tcpflow
