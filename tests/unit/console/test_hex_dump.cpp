// -D hex dump layout, byte for byte against Debian's tcpflow 1.6.1: every
// expected text below is its output (`tcpflow -C -D -r <capture>`, and -b 20)
// for the payload shown, which is one packet of the named capture in
// /work/shared/pcaps.
#include <cppunit/extensions/HelperMacros.h>
#include "console/hex_dump.h"
#include "console_test_util.h"

using namespace tcpflow;
using tcpflow::test::bytes;

namespace {

std::string from_hex(const std::string& hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

std::string dump(const std::string& payload) {
    std::string out;
    append_hex_dump(out, bytes(payload), payload.size());
    return out;
}

// http-get-gzip.pcap, the server's second segment: headers then gzip bytes,
// 325 bytes, so the last line has an odd byte count and is padded.
const std::string kGzipResponse = from_hex(
    "5365727665723a2067756e69636f726e2f302e31362e310d0a446174653a204d"
    "6f6e2c203138204d617220323031332031363a33373a313120474d540d0a436f"
    "6e74656e742d547970653a206170706c69636174696f6e2f6a736f6e0d0a436f"
    "6e74656e742d4c656e6774683a203136350d0a436f6e74656e742d456e636f64"
    "696e673a20677a69700d0a436f6e6e656374696f6e3a20636c6f73650d0a0d0a"
    "1f8b0800b742475102ff35cd410e82301005d03da7686649b4403511dc1163f4"
    "007a002d93d2043a4d5b3612ee6edb84e5fcf767662d1803725a690357064dcd"
    "8538f3a6edb838b570483ae26740e723af718cc1937c48e53104fbd5869353b9"
    "19e946c6a00c9af2353991c79d7a29d1e6bdb22af7f0edd11d7b8526835cdc54"
    "5db8e8780dd1b7fc5efdb4b538440f6ec11ccd18464a093cee2f28b63fbc3ec7"
    "dcc5000000");

}  // namespace

class HexDumpTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HexDumpTest);
    CPPUNIT_TEST(binary_payload_matches_1_6_1);
    CPPUNIT_TEST(short_last_line_is_padded_to_the_ascii_column);
    CPPUNIT_TEST(single_short_line_is_not_padded);
    CPPUNIT_TEST(even_length_single_line);
    CPPUNIT_TEST(exact_multiple_of_32);
    CPPUNIT_TEST(empty_chunk_prints_nothing);
    CPPUNIT_TEST(offsets_past_ffff_widen_and_later_lines_align);
    CPPUNIT_TEST_SUITE_END();

public:
    void binary_payload_matches_1_6_1() {
        const std::string expected =
            "0000: 5365 7276 6572 3a20 6775 6e69 636f 726e 2f30 2e31 362e 310d 0a44 6174 653a 204d  Server: gunicorn/0.16.1..Date: M\n"
            "0020: 6f6e 2c20 3138 204d 6172 2032 3031 3320 3136 3a33 373a 3131 2047 4d54 0d0a 436f  on, 18 Mar 2013 16:37:11 GMT..Co\n"
            "0040: 6e74 656e 742d 5479 7065 3a20 6170 706c 6963 6174 696f 6e2f 6a73 6f6e 0d0a 436f  ntent-Type: application/json..Co\n"
            "0060: 6e74 656e 742d 4c65 6e67 7468 3a20 3136 350d 0a43 6f6e 7465 6e74 2d45 6e63 6f64  ntent-Length: 165..Content-Encod\n"
            "0080: 696e 673a 2067 7a69 700d 0a43 6f6e 6e65 6374 696f 6e3a 2063 6c6f 7365 0d0a 0d0a  ing: gzip..Connection: close....\n"
            "00a0: 1f8b 0800 b742 4751 02ff 35cd 410e 8230 1005 d03d a768 6649 b440 3511 dc11 63f4  .....BGQ..5.A..0...=.hfI.@5...c.\n"
            "00c0: 007a 002d 93d2 043a 4d5b 3612 ee6e db84 e5fc f767 662d 1803 725a 6903 5706 4dcd  .z.-...:M[6..n.....gf-..rZi.W.M.\n"
            "00e0: 8538 f3a6 edb8 38b5 7048 3ae2 6740 e723 af71 8cc1 937c 48e5 3104 fbd5 8693 53b9  .8....8.pH:.g@.#.q...|H.1.....S.\n"
            "0100: 19e9 46c6 a00c 9af2 3539 91c7 9d7a 29d1 e6bd b22a f7f0 edd1 1d7b 8526 835c dc54  ..F.....59...z)....*.....{.&.\\.T\n"
            "0120: 5db8 e878 0dd1 b7fc 5efd b4b5 3844 0f6e c11c cd18 464a 093c ee2f 28b6 3fbc 3ec7  ]..x....^...8D.n....FJ.<./(.?.>.\n"
            "0140: dcc5 0000 00                                                                     .....\n";
        CPPUNIT_ASSERT_EQUAL(size_t(325), kGzipResponse.size());
        CPPUNIT_ASSERT_EQUAL(expected, dump(kGzipResponse));
    }
    void short_last_line_is_padded_to_the_ascii_column() {
        // http-get-gzip.pcap, the request (71 bytes, even tail).
        const std::string request = "GET /gzip HTTP/1.1\r\nUser-Agent: curl/7.29.0\r\nHost: httpbin.org\r\nAccept: */*\r\n\r\n";
        const std::string expected =
            "0000: 4745 5420 2f67 7a69 7020 4854 5450 2f31 2e31 0d0a 5573 6572 2d41 6765 6e74 3a20  GET /gzip HTTP/1.1..User-Agent: \n"
            "0020: 6375 726c 2f37 2e32 392e 300d 0a48 6f73 743a 2068 7474 7062 696e 2e6f 7267 0d0a  curl/7.29.0..Host: httpbin.org..\n"
            "0040: 4163 6365 7074 3a20 2a2f 2a0d 0a0d 0a                                            Accept: */*....\n";
        CPPUNIT_ASSERT_EQUAL(expected, dump(request));
    }
    void single_short_line_is_not_padded() {
        // http-post.pcap, the server's first segment (17 bytes): one space only.
        CPPUNIT_ASSERT_EQUAL(std::string("0000: 4854 5450 2f31 2e31 2032 3030 204f 4b0d 0a HTTP/1.1 200 OK..\n"),
                             dump("HTTP/1.1 200 OK\r\n"));
    }
    void even_length_single_line() {
        // http-post.pcap with -b 20: the group's trailing space plus the separator.
        CPPUNIT_ASSERT_EQUAL(
            std::string("0000: 504f 5354 202f 706f 7374 2048 5454 502f 312e 310d  POST /post HTTP/1.1.\n"),
            dump("POST /post HTTP/1.1\r"));
    }
    void exact_multiple_of_32() {
        std::string out = dump(std::string(64, 'A'));
        const std::string line = "4141 4141 4141 4141 4141 4141 4141 4141 4141 4141 4141 4141 4141 4141 4141 4141  " +
                                 std::string(32, 'A') + "\n";
        CPPUNIT_ASSERT_EQUAL("0000: " + line + "0020: " + line, out);
    }
    void empty_chunk_prints_nothing() { CPPUNIT_ASSERT_EQUAL(std::string(), dump("")); }
    void offsets_past_ffff_widen_and_later_lines_align() {
        // 1.6.1 prints the offset with %04x (5 digits from 0x10000) and pads each
        // line to the widest so far, so the ASCII column moves one to the right.
        std::string payload(0x10000 + 33, 'z');
        std::string out = dump(payload);
        size_t last = out.rfind("10020: ");
        size_t prev = out.rfind("10000: ");
        CPPUNIT_ASSERT(last != std::string::npos && prev != std::string::npos);
        std::string full = out.substr(prev, last - prev);
        std::string tail = out.substr(last);
        CPPUNIT_ASSERT_EQUAL(full.find("  z"), tail.find("  z"));
        CPPUNIT_ASSERT_EQUAL(std::string("10020: 7a") + std::string(full.find("  z") + 2 - 9, ' ') + "z\n", tail);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(HexDumpTest);
