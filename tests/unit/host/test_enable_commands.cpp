// -e / -E / -x / -a applied in command-line order after loading, with
// "works with" partners and scanners kept out of -a.
#include <cppunit/extensions/HelperMacros.h>

#include "host/host_error.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {

using Names = std::vector<std::string>;

class EnableCommandTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EnableCommandTest);
    CPPUNIT_TEST(scanners_start_disabled_unless_enabled_by_default);
    CPPUNIT_TEST(enable_brings_works_with_partner);
    CPPUNIT_TEST(later_disable_wins_over_earlier_enable);
    CPPUNIT_TEST(enable_only_disables_everything_else);
    CPPUNIT_TEST(all_skips_not_in_all_scanners);
    CPPUNIT_TEST(e_all_is_the_same_as_a);
    CPPUNIT_TEST(disable_of_unknown_name_is_an_error);
    CPPUNIT_TEST(exec_and_md5_plugins_have_tcpflow_defaults);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<test::TempDir> dir;
    std::ostringstream err;
    std::unique_ptr<ScannerHost> host;

    void load(const std::vector<std::pair<std::string, std::string>>& libs) {
        dir = std::make_unique<test::TempDir>();
        for (const auto& [src, name] : libs) dir->copy_in(src, name);
        host = std::make_unique<ScannerHost>(test::isolated_config(err));
        host->add_plugin_dir(dir->path());
        host->load();
    }

    void apply(char flag, const std::string& name) { host->apply(EnableCommand::from_flag(flag, name)); }

public:
    void setUp() override {
        load({{test::fixture_so("fix_valid"), "scan_fixture.so"}, {test::fixture_so("fix_partner"), "scan_partner.so"}});
    }

    void scanners_start_disabled_unless_enabled_by_default() { CPPUNIT_ASSERT(host->enabled_scanners().empty()); }

    void enable_brings_works_with_partner() {
        apply('e', "fixture");
        CPPUNIT_ASSERT(host->enabled_scanners() == (Names{"fixture", "partner"}));
    }

    void later_disable_wins_over_earlier_enable() {
        apply('e', "fixture");
        apply('x', "partner");
        CPPUNIT_ASSERT(host->enabled_scanners() == Names{"fixture"});
        apply('x', "fixture");
        apply('e', "partner");
        CPPUNIT_ASSERT(host->enabled_scanners() == Names{"partner"});
    }

    void enable_only_disables_everything_else() {
        apply('e', "fixture");
        apply('E', "partner");
        CPPUNIT_ASSERT(host->enabled_scanners() == Names{"partner"});
    }

    void all_skips_not_in_all_scanners() {
        load({{test::fixture_so("fix_partner"), "scan_partner.so"}});
        apply('a', "");
        CPPUNIT_ASSERT(host->enabled_scanners().empty());
    }

    void e_all_is_the_same_as_a() {
        apply('e', "all");
        CPPUNIT_ASSERT(host->enabled_scanners() == (Names{"fixture", "partner"}));  // partner via works_with
    }

    void disable_of_unknown_name_is_an_error() {
        CPPUNIT_ASSERT_THROW(apply('x', "nosuch"), HostError);
    }

    void exec_and_md5_plugins_have_tcpflow_defaults() {
        load({{test::plugin_so("md5"), "scan_md5.so"}, {test::plugin_so("exec"), "scan_exec.so"}});
        CPPUNIT_ASSERT_MESSAGE(err.str(), host->enabled_scanners() == Names{"exec"});  // like tcpdemux's hooks
        apply('a', "");
        CPPUNIT_ASSERT(host->enabled_scanners() == (Names{"exec", "md5"}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EnableCommandTest);

}  // namespace
}  // namespace tcpflow
