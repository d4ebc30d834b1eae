// The package named in "scanner 'x' is not installed" when the build was
// configured with --with-scanner-package=PATTERN.
#include <cppunit/extensions/HelperMacros.h>

#include "config.h"
#include "host/scanner_package_hint.h"

namespace tcpflow {
namespace {

class ScannerPackageHintTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ScannerPackageHintTest);
    CPPUNIT_TEST(every_percent_s_becomes_the_scanner_name);
    CPPUNIT_TEST(other_percent_signs_are_kept);
    CPPUNIT_TEST(hint_follows_the_configured_pattern);
    CPPUNIT_TEST_SUITE_END();

public:
    void every_percent_s_becomes_the_scanner_name() {
        CPPUNIT_ASSERT_EQUAL(std::string("tcpflow-scanner-http"), scanner_package_name("tcpflow-scanner-%s", "http"));
        CPPUNIT_ASSERT_EQUAL(std::string("tcpflow-md5-plugin (md5)"), scanner_package_name("tcpflow-%s-plugin (%s)", "md5"));
    }

    void other_percent_signs_are_kept() {
        CPPUNIT_ASSERT_EQUAL(std::string("100%x-gzip%"), scanner_package_name("100%x-%s%", "gzip"));
    }

    void hint_follows_the_configured_pattern() {
#ifdef TCPFLOW_SCANNER_PACKAGE
        CPPUNIT_ASSERT_EQUAL("; to add it, install the package " + scanner_package_name(TCPFLOW_SCANNER_PACKAGE, "http"),
                             scanner_package_hint("http"));
#else
        CPPUNIT_ASSERT_EQUAL(std::string(), scanner_package_hint("http"));
#endif
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ScannerPackageHintTest);

}  // namespace
}  // namespace tcpflow
