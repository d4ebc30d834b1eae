#include <cppunit/extensions/HelperMacros.h>

#include "start_line.h"

using namespace tcpflow::http;

class StartLineTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StartLineTest);
    CPPUNIT_TEST(request_line_parts);
    CPPUNIT_TEST(status_line_parts_with_and_without_reason);
    CPPUNIT_TEST(other_protocols_are_not_start_lines);
    CPPUNIT_TEST(sniffing_decides_from_the_first_bytes);
    CPPUNIT_TEST_SUITE_END();

public:
    void request_line_parts() {
        StartLine l;
        CPPUNIT_ASSERT(parse_start_line("POST /a/b?c=d HTTP/1.1", l));
        CPPUNIT_ASSERT(l.is_request);
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), l.method);
        CPPUNIT_ASSERT_EQUAL(std::string("/a/b?c=d"), l.target);
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1"), l.version);
        CPPUNIT_ASSERT(parse_start_line("CONNECT example.com:443 HTTP/1.0", l));
        CPPUNIT_ASSERT_EQUAL(std::string("example.com:443"), l.target);
    }
    void status_line_parts_with_and_without_reason() {
        StartLine l;
        CPPUNIT_ASSERT(parse_start_line("HTTP/1.1 404 Not Found", l));
        CPPUNIT_ASSERT(!l.is_request);
        CPPUNIT_ASSERT_EQUAL(404, l.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Not Found"), l.reason);
        CPPUNIT_ASSERT(parse_start_line("HTTP/1.0 204", l));
        CPPUNIT_ASSERT_EQUAL(204, l.status);
    }
    void other_protocols_are_not_start_lines() {
        StartLine l;
        CPPUNIT_ASSERT(!parse_start_line("SSH-2.0-OpenSSH_9.6", l));
        CPPUNIT_ASSERT(!parse_start_line("GET / HTTP/2.0", l));
        CPPUNIT_ASSERT(!parse_start_line("HTTP/1.1 20 OK", l));
        CPPUNIT_ASSERT(!parse_start_line("get / HTTP/1.1", l));
        CPPUNIT_ASSERT(!parse_start_line("GET HTTP/1.1", l));
        CPPUNIT_ASSERT(!parse_start_line("220 ftp.example.com ready", l));
    }
    void sniffing_decides_from_the_first_bytes() {
        CPPUNIT_ASSERT(looks_like_http("HTT") == Sniff::need_more);
        CPPUNIT_ASSERT(looks_like_http("HTTP/1.") == Sniff::http);
        CPPUNIT_ASSERT(looks_like_http("GET ") == Sniff::http);
        CPPUNIT_ASSERT(looks_like_http("\x16\x03\x01") == Sniff::not_http);
        CPPUNIT_ASSERT(looks_like_http("SSH-2.0") == Sniff::not_http);
        CPPUNIT_ASSERT(looks_like_http("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == Sniff::not_http);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StartLineTest);
