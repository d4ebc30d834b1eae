#include <cppunit/extensions/HelperMacros.h>

#include "mime_table.h"

using tcpflow::http::extension_for;

class MimeTableTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MimeTableTest);
    CPPUNIT_TEST(parameters_and_case_are_ignored);
    CPPUNIT_TEST(choices_match_tcpflow_1_6_1);
    CPPUNIT_TEST(unknown_types_get_no_extension);
    CPPUNIT_TEST_SUITE_END();

public:
    void parameters_and_case_are_ignored() {
        CPPUNIT_ASSERT_EQUAL(std::string("html"), extension_for("TEXT/HTML; charset=UTF-8"));
        CPPUNIT_ASSERT_EQUAL(std::string("json"), extension_for(" application/json ;q=1"));
    }
    void choices_match_tcpflow_1_6_1() {
        CPPUNIT_ASSERT_EQUAL(std::string("jpg"), extension_for("image/jpeg"));
        CPPUNIT_ASSERT_EQUAL(std::string("m4v"), extension_for("video/mp4"));
        CPPUNIT_ASSERT_EQUAL(std::string("mpga"), extension_for("audio/mpeg"));
        CPPUNIT_ASSERT_EQUAL(std::string("txt"), extension_for("text/plain"));
        CPPUNIT_ASSERT_EQUAL(std::string("js"), extension_for("application/javascript"));
        CPPUNIT_ASSERT_EQUAL(std::string("woff"), extension_for("application/x-font-woff"));
    }
    void unknown_types_get_no_extension() {
        CPPUNIT_ASSERT_EQUAL(std::string(""), extension_for("application/octet-stream"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), extension_for(""));
        CPPUNIT_ASSERT_EQUAL(std::string(""), extension_for("text/html/extra"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MimeTableTest);
