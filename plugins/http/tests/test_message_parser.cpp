// The parser on hand-built streams, one per framing rule. Every stream is
// also fed split at every byte and byte by byte (split_feed.h).
#include <cppunit/extensions/HelperMacros.h>

#include "split_feed.h"

using namespace tcpflow::http;
using namespace tcpflow::http::test;

namespace {

const std::string kOk5 = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

}  // namespace

class MessageParserTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MessageParserTest);
    CPPUNIT_TEST(content_length_bodies_on_a_keep_alive_stream);
    CPPUNIT_TEST(chunked_body_with_trailers_then_next_response);
    CPPUNIT_TEST(body_until_close);
    CPPUNIT_TEST(head_response_has_no_body);
    CPPUNIT_TEST(continue_comes_before_the_real_response);
    CPPUNIT_TEST(no_content_and_not_modified_have_no_body);
    CPPUNIT_TEST(pipelined_requests_with_bodies);
    CPPUNIT_TEST(switching_protocols_stops_parsing);
    CPPUNIT_TEST(connect_tunnel_stops_both_directions);
    CPPUNIT_TEST(other_protocols_are_ignored);
    CPPUNIT_TEST(garbage_after_a_message_is_recorded_and_skipped);
    CPPUNIT_TEST(truncated_body_keeps_its_bytes);
    CPPUNIT_TEST(truncated_header_is_an_error);
    CPPUNIT_TEST(chunk_size_that_lies_keeps_what_was_framed);
    CPPUNIT_TEST(gap_inside_a_length_body_keeps_the_framing);
    CPPUNIT_TEST(gap_across_a_chunk_boundary_stops);
    CPPUNIT_TEST(gap_at_stream_start_resyncs_on_the_next_message);
    CPPUNIT_TEST(gap_inside_headers_drops_only_the_cut_line);
    CPPUNIT_TEST(gap_inside_a_start_line_keeps_a_usable_status);
    CPPUNIT_TEST(folded_and_repeated_headers_reach_the_head);
    CPPUNIT_TEST(oversized_header_block_stops);
    CPPUNIT_TEST_SUITE_END();

public:
    void content_length_bodies_on_a_keep_alive_stream() {
        const std::string s = kOk5 + "HTTP/1.1 404 Not Found\r\ncontent-length: 3\r\n\r\nnot";
        RecordingEvents ev = parse_every_split(s);
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|hello|complete@38\n2 404|not|complete@" +
                                         std::to_string(s.size() - 3) + "\nstop:"),
                             ev.transcript());
    }

    void chunked_body_with_trailers_then_next_response() {
        const std::string s = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nExpires: never\r\n\r\n" + kOk5;
        RecordingEvents ev = parse_every_split(s);
        CPPUNIT_ASSERT_EQUAL(size_t(2), ev.messages.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Wikipedia"), ev.messages[0].body);
        CPPUNIT_ASSERT_EQUAL(uint64_t(50), ev.messages[0].body_offset);  // first chunk's data, as tcpflow reports it
        CPPUNIT_ASSERT_EQUAL(std::string("complete"), ev.messages[0].end);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), ev.messages[1].body);
    }

    void body_until_close() {
        const std::string s = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\neverything until the end";
        RecordingEvents ev = parse_every_split(s);
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|everything until the end|complete@45\nstop:"), ev.transcript());
        RecordingEvents open = parse_pieces(s, {}, {}, false);
        CPPUNIT_ASSERT_EQUAL(std::string(""), open.messages[0].end);  // not over until the stream is
    }

    void head_response_has_no_body() {
        const std::string s = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + kOk5;
        RecordingEvents ev = parse_every_split(s, {"HEAD", "GET"});
        CPPUNIT_ASSERT_EQUAL(size_t(2), ev.messages.size());
        CPPUNIT_ASSERT_EQUAL(std::string("HEAD"), ev.messages[0].request_method);
        CPPUNIT_ASSERT_EQUAL(std::string(""), ev.messages[0].body);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), ev.messages[1].body);
    }

    void continue_comes_before_the_real_response() {
        const std::string s = "HTTP/1.1 100 Continue\r\n\r\n" + kOk5 + kOk5;
        RecordingEvents ev = parse_every_split(s, {"POST", "GET"});
        CPPUNIT_ASSERT_EQUAL(size_t(3), ev.messages.size());
        CPPUNIT_ASSERT_EQUAL(std::string("100"), ev.messages[0].kind);
        CPPUNIT_ASSERT_EQUAL(std::string(""), ev.messages[0].request_method);  // interim: pairs with nothing
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), ev.messages[1].request_method);
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), ev.messages[2].request_method);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), ev.messages[1].index);
    }

    void no_content_and_not_modified_have_no_body() {
        const std::string s = "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n"
                              "HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n" + kOk5;
        RecordingEvents ev = parse_every_split(s);
        CPPUNIT_ASSERT_EQUAL(std::string("1 204||complete@0\n2 304||complete@0\n3 200|hello|complete@" +
                                         std::to_string(s.size() - 5) + "\nstop:"),
                             ev.transcript());
    }

    void pipelined_requests_with_bodies() {
        const std::string s = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                              "POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\na=1&b=2"
                              "\r\n"  // a stray CRLF between messages is allowed
                              "PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        RecordingEvents ev = parse_every_split(s);
        CPPUNIT_ASSERT_EQUAL(std::string("1 GET /a||complete@0\n2 POST /form|a=1&b=2|complete@79\n"
                                         "3 PUT /up|abc|complete@139\nstop:"),
                             ev.transcript());
    }

    void switching_protocols_stops_parsing() {
        const std::string s = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                              "\x81\x05hello";
        RecordingEvents ev = parse_every_split(s, {"GET"});
        CPPUNIT_ASSERT_EQUAL(std::string("1 101||complete@0\nstop:tunnel"), ev.transcript());
    }

    void connect_tunnel_stops_both_directions() {
        const std::string resp = "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01\x02\x00";
        CPPUNIT_ASSERT_EQUAL(std::string("1 200||complete@0\nstop:tunnel"),
                             parse_every_split(resp, {"CONNECT"}).transcript());
        const std::string req = "CONNECT host:443 HTTP/1.1\r\nHost: host:443\r\n\r\n\x16\x03\x01\x02\x00";
        RecordingEvents ev;
        ev.tunnel = true;  // the response flow saw the 200 first
        MessageParser p(ev);
        p.data(0, bytes(req), req.size());
        CPPUNIT_ASSERT_EQUAL(std::string("1 CONNECT host:443||complete@0\nstop:tunnel"), ev.transcript());
    }

    void other_protocols_are_ignored() {
        for (const std::string& s : {std::string("SSH-2.0-OpenSSH_9.6\r\n"), std::string("\x16\x03\x01\x00\xa5", 5),
                                    std::string("HTTP/2.0 200 OK\r\n\r\n"), std::string("220 mail ESMTP\r\n")}) {
            RecordingEvents ev = parse_every_split(s);
            CPPUNIT_ASSERT_EQUAL(std::string("stop:not_http"), ev.transcript());
        }
    }

    void garbage_after_a_message_is_recorded_and_skipped() {
        RecordingEvents ev = parse_every_split(kOk5 + "\x01\x02garbage\r\n\r\n" + kOk5);
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|hello|complete@38\n2 200|hello|complete@94\nstop: lost:1"),
                             ev.transcript());
        CPPUNIT_ASSERT(ev.lost[0].find("not an HTTP message") != std::string::npos);
    }

    void truncated_body_keeps_its_bytes() {
        RecordingEvents ev = parse_every_split("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhell");
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|hell|truncated@39\nstop:"), ev.transcript());
        CPPUNIT_ASSERT(ev.messages[0].detail.find("6 bytes before") != std::string::npos);
    }

    void truncated_header_is_an_error() {
        RecordingEvents ev = parse_every_split(kOk5 + "HTTP/1.1 200 OK\r\nContent-Le");
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|hello|complete@38\nstop:error"), ev.transcript());
    }

    void chunk_size_that_lies_keeps_what_was_framed() {
        RecordingEvents ev =
            parse_every_split("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n" + kOk5);
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|abc|error@50\n2 200|hello|complete@101\nstop: lost:1"), ev.transcript());
    }

    void gap_inside_a_length_body_keeps_the_framing() {
        const std::string s = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789" + kOk5;
        RecordingEvents ev;
        MessageParser p(ev);
        p.data(0, bytes(s), 41);       // head + "01"
        p.gap(41, 4);                  // "2345" lost
        p.data(45, bytes(s) + 45, s.size() - 45);
        p.close();
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|01####6789|complete@39\n2 200|hello|complete@" +
                                         std::to_string(s.size() - 5) + "\nstop:"),
                             ev.transcript());
        CPPUNIT_ASSERT_EQUAL(uint64_t(4), ev.messages[0].gap_bytes);
    }

    void gap_across_a_chunk_boundary_stops() {
        const std::string s = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n";
        RecordingEvents ev;
        MessageParser p(ev);
        p.data(0, bytes(s), 52);  // head + "4\r\nWi"
        p.gap(52, 9);             // "ki\r\n5\r\npe"
        p.data(61, bytes(s) + 61, s.size() - 61);
        p.close();
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|Wi|truncated@50\nstop: lost:1"), ev.transcript());
    }

    void gap_at_stream_start_resyncs_on_the_next_message() {
        // The first response's head was lost: its body is skipped, the next response found.
        const std::string rest = "<html>lost body</html>\n" + kOk5;
        RecordingEvents ev;
        MessageParser p(ev);
        p.gap(0, 100);
        p.data(100, bytes(rest), rest.size());
        p.close();
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|hello|complete@" + std::to_string(100 + rest.size() - 5) +
                                         "\nstop: lost:1"),
                             ev.transcript());
    }

    void gap_inside_headers_drops_only_the_cut_line() {
        const std::string s = "HTTP/1.1 200 OK\r\nSet-Cookie: abcdefghijkl\r\nContent-Length: 5\r\n\r\nhello";
        RecordingEvents ev;
        MessageParser p(ev);
        p.data(0, bytes(s), 25);  // into the cookie
        p.gap(25, 4);
        p.data(29, bytes(s) + 29, s.size() - 29);
        p.close();
        CPPUNIT_ASSERT_EQUAL(std::string("1 200|hello|complete@" + std::to_string(s.size() - 5) + "\nstop:"),
                             ev.transcript());
        CPPUNIT_ASSERT(!ev.messages[0].headers.has("Set-Cookie"));
    }

    void gap_inside_a_start_line_keeps_a_usable_status() {
        const std::string s = "HTTP/1.0 302 MOVED TEMPORARILY\r\nContent-Length: 2\r\n\r\nok";
        RecordingEvents ev;
        MessageParser p(ev);
        p.data(0, bytes(s), 18);  // "HTTP/1.0 302 MOVED"
        p.gap(18, 5);
        p.data(23, bytes(s) + 23, s.size() - 23);
        p.close();
        CPPUNIT_ASSERT_EQUAL(std::string("1 302|ok|complete@" + std::to_string(s.size() - 2) + "\nstop:"), ev.transcript());
        RecordingEvents cut;
        MessageParser q(cut);
        q.data(0, bytes(s), 6);  // "HTTP/1": no status yet
        q.gap(6, 5);
        CPPUNIT_ASSERT_EQUAL(std::string("stop: lost:1"), cut.transcript());
    }

    void folded_and_repeated_headers_reach_the_head() {
        const std::string s = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nX-Folded: a\r\n b\r\n"
                              "content-encoding: br\r\nContent-Length: 1\r\n\r\nZ";
        RecordingEvents ev = parse_every_split(s);
        CPPUNIT_ASSERT_EQUAL(std::string("gzip, br"), ev.messages[0].headers.get("Content-Encoding"));
        CPPUNIT_ASSERT_EQUAL(std::string("a b"), ev.messages[0].headers.get("x-folded"));
        CPPUNIT_ASSERT_EQUAL(std::string("Z"), ev.messages[0].body);
    }

    void oversized_header_block_stops() {
        std::string s = "HTTP/1.1 200 OK\r\n";
        while (s.size() <= MessageParser::kMaxHead) s += "X-Filler: 0123456789012345678901234567890123456789\r\n";
        RecordingEvents ev = parse_pieces(s, {});
        CPPUNIT_ASSERT_EQUAL(std::string("stop:not_http"), ev.transcript());
        RecordingEvents later = parse_pieces(kOk5 + s, {1000});
        CPPUNIT_ASSERT_EQUAL(std::string("stop: lost:1"), later.transcript().substr(later.transcript().rfind('\n') + 1));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MessageParserTest);
