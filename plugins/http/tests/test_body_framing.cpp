#include <cppunit/extensions/HelperMacros.h>

#include "body_framing.h"

using namespace tcpflow::http;

namespace {
HeaderFields fields(const char* text) {
    HeaderFields h;
    h.parse(text);
    return h;
}
}  // namespace

class BodyFramingTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BodyFramingTest);
    CPPUNIT_TEST(responses_without_body);
    CPPUNIT_TEST(transfer_encoding_beats_content_length);
    CPPUNIT_TEST(content_length_must_agree_with_itself);
    CPPUNIT_TEST(responses_without_length_run_to_close);
    CPPUNIT_TEST(requests_without_length_have_no_body);
    CPPUNIT_TEST(protocol_switches_are_tunnels);
    CPPUNIT_TEST_SUITE_END();

public:
    void responses_without_body() {
        const HeaderFields h = fields("Content-Length: 10\r\n");
        CPPUNIT_ASSERT(response_framing(200, "HEAD", h).kind == Framing::none);
        CPPUNIT_ASSERT(response_framing(204, "GET", h).kind == Framing::none);
        CPPUNIT_ASSERT(response_framing(304, "GET", h).kind == Framing::none);
        CPPUNIT_ASSERT(response_framing(100, "POST", h).kind == Framing::none);
        CPPUNIT_ASSERT(response_framing(200, "GET", h).kind == Framing::length);
    }
    void transfer_encoding_beats_content_length() {
        BodyFraming f = response_framing(200, "GET", fields("Content-Length: 3\r\nTransfer-Encoding: gzip, chunked\r\n"));
        CPPUNIT_ASSERT(f.kind == Framing::chunked);
        CPPUNIT_ASSERT(response_framing(200, "GET", fields("Transfer-Encoding: chunked, gzip\r\n")).kind ==
                       Framing::until_close);
        CPPUNIT_ASSERT(request_framing(fields("Transfer-Encoding: gzip\r\n")).fatal);
        CPPUNIT_ASSERT(request_framing(fields("Transfer-Encoding: ,\tchunked,\r\n")).kind == Framing::chunked);
    }
    void content_length_must_agree_with_itself() {
        BodyFraming same = response_framing(200, "GET", fields("Content-Length: 5\r\nContent-Length: 5\r\n"));
        CPPUNIT_ASSERT(same.kind == Framing::length);
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), same.length);
        BodyFraming bad = response_framing(200, "GET", fields("Content-Length: 5, 6\r\n"));
        CPPUNIT_ASSERT(bad.kind == Framing::until_close);
        CPPUNIT_ASSERT(!bad.problem.empty());
        CPPUNIT_ASSERT(request_framing(fields("Content-Length: -1\r\n")).fatal);
        CPPUNIT_ASSERT(response_framing(200, "GET", fields("Content-Length: 0\r\n")).kind == Framing::none);
    }
    void responses_without_length_run_to_close() {
        CPPUNIT_ASSERT(response_framing(200, "", fields("Content-Type: text/html\r\n")).kind == Framing::until_close);
    }
    void requests_without_length_have_no_body() {
        CPPUNIT_ASSERT(request_framing(fields("Host: a\r\n")).kind == Framing::none);
        CPPUNIT_ASSERT(request_framing(fields("Transfer-Encoding: chunked\r\n")).kind == Framing::chunked);
    }
    void protocol_switches_are_tunnels() {
        CPPUNIT_ASSERT(response_framing(101, "GET", fields("Upgrade: websocket\r\n")).kind == Framing::tunnel);
        CPPUNIT_ASSERT(response_framing(200, "CONNECT", fields("")).kind == Framing::tunnel);
        CPPUNIT_ASSERT(response_framing(407, "CONNECT", fields("Content-Length: 1\r\n")).kind == Framing::length);
        StartLine get;
        parse_start_line("GET /chat HTTP/1.1", get);
        CPPUNIT_ASSERT(request_may_open_tunnel(get, fields("Upgrade: websocket\r\nConnection: Upgrade\r\n")));
        CPPUNIT_ASSERT(!request_may_open_tunnel(get, fields("Connection: keep-alive\r\n")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BodyFramingTest);
