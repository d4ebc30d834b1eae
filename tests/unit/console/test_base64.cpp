// Base64 of -J payloads: RFC 4648 section 10 vectors plus every padding case
// and the two non-alphanumeric symbols.
#include <cppunit/extensions/HelperMacros.h>
#include "console/base64.h"
#include "console_test_util.h"

using namespace tcpflow;
using tcpflow::test::bytes;

namespace {
std::string b64(const std::string& s) {
    std::string out;
    append_base64(out, bytes(s), s.size());
    return out;
}
}  // namespace

class Base64Test : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(Base64Test);
    CPPUNIT_TEST(rfc4648_vectors);
    CPPUNIT_TEST(high_bytes_use_plus_and_slash);
    CPPUNIT_TEST(appends_to_existing_text);
    CPPUNIT_TEST(all_byte_values);
    CPPUNIT_TEST_SUITE_END();

public:
    void rfc4648_vectors() {
        CPPUNIT_ASSERT_EQUAL(std::string(""), b64(""));
        CPPUNIT_ASSERT_EQUAL(std::string("Zg=="), b64("f"));
        CPPUNIT_ASSERT_EQUAL(std::string("Zm8="), b64("fo"));
        CPPUNIT_ASSERT_EQUAL(std::string("Zm9v"), b64("foo"));
        CPPUNIT_ASSERT_EQUAL(std::string("Zm9vYg=="), b64("foob"));
        CPPUNIT_ASSERT_EQUAL(std::string("Zm9vYmE="), b64("fooba"));
        CPPUNIT_ASSERT_EQUAL(std::string("Zm9vYmFy"), b64("foobar"));
    }
    void high_bytes_use_plus_and_slash() {
        CPPUNIT_ASSERT_EQUAL(std::string("//79"), b64("\xff\xfe\xfd"));
        CPPUNIT_ASSERT_EQUAL(std::string("+/8="), b64("\xfb\xff"));
        CPPUNIT_ASSERT_EQUAL(std::string("AA=="), b64(std::string(1, '\0')));
    }
    void appends_to_existing_text() {
        std::string out = "x:";
        append_base64(out, bytes("hi"), 2);
        CPPUNIT_ASSERT_EQUAL(std::string("x:aGk="), out);
    }
    void all_byte_values() {
        // Expected values from Python's base64.b64encode(bytes(range(256))).
        std::string all;
        for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
        std::string out = b64(all);
        CPPUNIT_ASSERT_EQUAL(size_t(344), out.size());
        CPPUNIT_ASSERT_EQUAL(std::string("AAECAwQFBgcICQoL"), out.substr(0, 16));
        CPPUNIT_ASSERT_EQUAL(std::string("+fr7/P3+/w=="), out.substr(out.size() - 12));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(Base64Test);
