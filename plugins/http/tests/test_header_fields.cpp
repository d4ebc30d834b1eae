#include <cppunit/extensions/HelperMacros.h>

#include "header_fields.h"

using tcpflow::http::HeaderFields;

class HeaderFieldsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HeaderFieldsTest);
    CPPUNIT_TEST(lookup_ignores_case_and_trims_whitespace);
    CPPUNIT_TEST(repeated_fields_join_with_comma);
    CPPUNIT_TEST(folded_lines_are_unfolded);
    CPPUNIT_TEST(token_lists_match_whole_tokens);
    CPPUNIT_TEST(a_line_without_colon_is_rejected);
    CPPUNIT_TEST_SUITE_END();

public:
    void lookup_ignores_case_and_trims_whitespace() {
        HeaderFields h;
        CPPUNIT_ASSERT(h.parse("Content-TYPE:  text/html \r\nHost: a\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("text/html"), h.get("content-type"));
        CPPUNIT_ASSERT(h.has("HOST"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), h.get("missing"));
    }
    void repeated_fields_join_with_comma() {
        HeaderFields h;
        CPPUNIT_ASSERT(h.parse("Content-Encoding: gzip\r\ncontent-encoding: br\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("gzip, br"), h.get("Content-Encoding"));
        CPPUNIT_ASSERT_EQUAL(size_t(2), h.count("content-encoding"));
    }
    void folded_lines_are_unfolded() {
        HeaderFields h;
        CPPUNIT_ASSERT(h.parse("X-Long: one\r\n   two\r\n\tthree\r\nY: z\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("one two three"), h.get("x-long"));
        CPPUNIT_ASSERT_EQUAL(std::string("z"), h.get("y"));
    }
    void token_lists_match_whole_tokens() {
        HeaderFields h;
        CPPUNIT_ASSERT(h.parse("Connection: keep-alive, Upgrade\r\n"));
        CPPUNIT_ASSERT(h.has_token("connection", "upgrade"));
        CPPUNIT_ASSERT(!h.has_token("connection", "keep"));
    }
    void a_line_without_colon_is_rejected() {
        HeaderFields h;
        CPPUNIT_ASSERT(!h.parse("Good: yes\r\nthis is not a header\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("yes"), h.get("good"));
        HeaderFields space;
        CPPUNIT_ASSERT(!space.parse("Bad Name: x\r\n"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HeaderFieldsTest);
