#include <cppunit/extensions/HelperMacros.h>

#include <string>

#include "chunked_decoder.h"

using tcpflow::http::ChunkedDecoder;

namespace {

struct Run {
    std::string body;
    size_t consumed = 0;
};

Run feed_in_steps(ChunkedDecoder& d, const std::string& in, size_t step) {
    Run r;
    for (size_t i = 0; i < in.size() && !d.done() && !d.failed(); i += step) {
        const size_t n = std::min(step, in.size() - i);
        const size_t used = d.feed(reinterpret_cast<const uint8_t*>(in.data() + i), n,
                                   [&](const uint8_t* p, size_t len, size_t) { r.body.append(reinterpret_cast<const char*>(p), len); });
        r.consumed += used;
        if (used < n) break;
    }
    return r;
}

}  // namespace

class ChunkedDecoderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ChunkedDecoderTest);
    CPPUNIT_TEST(dechunks_with_extensions_and_trailers_at_any_step);
    CPPUNIT_TEST(stops_at_the_end_of_the_body);
    CPPUNIT_TEST(a_size_that_lies_is_caught_at_the_missing_crlf);
    CPPUNIT_TEST(bad_size_lines_fail);
    CPPUNIT_TEST(a_gap_inside_chunk_data_is_skipped);
    CPPUNIT_TEST_SUITE_END();

public:
    void dechunks_with_extensions_and_trailers_at_any_step() {
        const std::string in = "5;name=val\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Sum: 1\r\n\r\n";
        for (size_t step = 1; step <= in.size(); ++step) {
            ChunkedDecoder d;
            Run r = feed_in_steps(d, in, step);
            CPPUNIT_ASSERT(d.done());
            CPPUNIT_ASSERT_EQUAL(std::string("helloabcdefghijklmnopqrstuvwxyz"), r.body);
            CPPUNIT_ASSERT_EQUAL(std::string("1"), d.trailers().get("x-sum"));
            CPPUNIT_ASSERT_EQUAL(uint64_t(3), d.chunks());
        }
    }
    void stops_at_the_end_of_the_body() {
        ChunkedDecoder d;
        const std::string in = "3\nabc\n0\n\nHTTP/1.1 200 OK\r\n";  // bare LF line ends are accepted too
        Run r = feed_in_steps(d, in, in.size());
        CPPUNIT_ASSERT(d.done());
        CPPUNIT_ASSERT_EQUAL(std::string("3\nabc\n0\n\n").size(), r.consumed);
    }
    void a_size_that_lies_is_caught_at_the_missing_crlf() {
        ChunkedDecoder d;
        Run r = feed_in_steps(d, "3\r\nabcdef\r\n0\r\n\r\n", 1);
        CPPUNIT_ASSERT(d.failed());
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), r.body);  // what was framed is kept
    }
    void bad_size_lines_fail() {
        for (const char* in : {"zz\r\n", "\r\n", "fffffffffffffffffffff\r\n"}) {
            ChunkedDecoder d;
            feed_in_steps(d, in, 1);
            CPPUNIT_ASSERT_MESSAGE(in, d.failed());
        }
        ChunkedDecoder endless;
        feed_in_steps(endless, std::string(5000, '1'), 100);
        CPPUNIT_ASSERT(endless.failed());
    }
    void a_gap_inside_chunk_data_is_skipped() {
        ChunkedDecoder d;
        feed_in_steps(d, "a\r\n0123", 100);
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), d.left_in_chunk());
        d.skip(6);
        Run r = feed_in_steps(d, "\r\n0\r\n\r\n", 1);
        CPPUNIT_ASSERT(d.done());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChunkedDecoderTest);
