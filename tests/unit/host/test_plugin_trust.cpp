// Which libraries a run opens: only trusted ones (nobody but root and the user
// can change them), and only those it names unless it must look at all.
#include <cppunit/extensions/HelperMacros.h>

#include <sys/stat.h>

#include <filesystem>

#include "host/host_error.h"
#include "host/plugin_trust.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {

using test::TempDir;

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

class PluginTrustTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginTrustTest);
    CPPUNIT_TEST(private_folder_and_library_are_trusted);
    CPPUNIT_TEST(writable_by_group_or_everyone_is_not);
    CPPUNIT_TEST(sticky_folder_above_is_accepted_but_not_as_the_folder_itself);
    CPPUNIT_TEST(a_link_is_judged_by_its_target);
    CPPUNIT_TEST(scanner_name_comes_from_scan_name_so);
    CPPUNIT_TEST(untrusted_folder_is_skipped_and_its_scanners_say_why);
    CPPUNIT_TEST(plugin_trust_any_loads_it_anyway);
    CPPUNIT_TEST(a_named_scanner_opens_its_library_and_partners_only);
    CPPUNIT_TEST(a_parameter_opens_the_library_its_prefix_names);
    CPPUNIT_TEST(a_name_not_found_by_file_name_opens_everything);
    CPPUNIT_TEST(enable_all_opens_everything);
    CPPUNIT_TEST_SUITE_END();

    // A plugin folder holding fixture (as scan_fixture.so), its partner and runinfo.
    static void fill(const TempDir& dir) {
        dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        dir.copy_in(test::fixture_so("fix_partner"), "scan_partner.so");
        dir.copy_in(test::fixture_so("fix_run_info"), "scan_runinfo.so");
    }

public:
    void private_folder_and_library_are_trusted() {
        TempDir dir;
        const std::string so = dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        ::chmod(so.c_str(), 0755);
        CPPUNIT_ASSERT_EQUAL(std::string(), check_plugin_trust(dir.path()).problem);
        CPPUNIT_ASSERT_EQUAL(std::string(), check_plugin_trust(so).problem);
    }

    void writable_by_group_or_everyone_is_not() {
        TempDir dir;
        const std::string so = dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        ::chmod(so.c_str(), 0664);
        CPPUNIT_ASSERT_EQUAL(so + " is writable by its group", check_plugin_trust(so).problem);
        ::chmod(so.c_str(), 0644);
        ::chmod(dir.path().c_str(), 0777);
        CPPUNIT_ASSERT_EQUAL(dir.path() + " is writable by everyone", check_plugin_trust(dir.path()).problem);
        // The library is only as safe as the folders above it.
        CPPUNIT_ASSERT_EQUAL(dir.path() + " is writable by everyone", check_plugin_trust(so).problem);
    }

    void sticky_folder_above_is_accepted_but_not_as_the_folder_itself() {
        TempDir top;
        const std::string plugins = top.file("plugins");
        std::filesystem::create_directory(plugins);
        ::chmod(plugins.c_str(), 0755);
        ::chmod(top.path().c_str(), 01777);
        CPPUNIT_ASSERT_EQUAL(std::string(), check_plugin_trust(plugins).problem);
        CPPUNIT_ASSERT_EQUAL(top.path() + " is writable by everyone", check_plugin_trust(top.path()).problem);
    }

    void a_link_is_judged_by_its_target() {
        TempDir dir, elsewhere;
        const std::string target = elsewhere.copy_in(test::fixture_so("fix_valid"), "real.so");
        ::chmod(target.c_str(), 0666);
        std::filesystem::create_symlink(target, dir.file("scan_fixture.so"));
        const TrustCheck t = check_plugin_trust(dir.file("scan_fixture.so"));
        CPPUNIT_ASSERT_EQUAL(target, t.real_path);
        CPPUNIT_ASSERT_EQUAL(target + " is writable by everyone", t.problem);
    }

    void scanner_name_comes_from_scan_name_so() {
        CPPUNIT_ASSERT_EQUAL(std::string("md5"), scanner_name_from_file("/x/scan_md5.so"));
        CPPUNIT_ASSERT_EQUAL(std::string(), scanner_name_from_file("/x/scan_.so"));
        CPPUNIT_ASSERT_EQUAL(std::string(), scanner_name_from_file("/x/md5.so"));
    }

    void untrusted_folder_is_skipped_and_its_scanners_say_why() {
        TempDir dir;
        fill(dir);
        ::chmod(dir.path().c_str(), 0777);
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load();
        CPPUNIT_ASSERT_EQUAL("tcpflow: plugin folder " + dir.path() + ": not searched: " + dir.path() +
                                 " is writable by everyone (-S plugin_trust=any searches it anyway)\n",
                             err.str());
        CPPUNIT_ASSERT(!host.is_installed("fixture"));
        try {
            host.apply(EnableCommand::from_flag('e', "fixture"));
            CPPUNIT_FAIL("an untrusted scanner was enabled");
        } catch (const HostError& e) {
            CPPUNIT_ASSERT_MESSAGE(e.what(), contains(e.what(), "scanner 'fixture' cannot be used: its folder " +
                                                                     dir.path() + " is not trusted"));
        }
    }

    void plugin_trust_any_loads_it_anyway() {
        TempDir dir;
        ::chmod(dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so").c_str(), 0666);
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.set_plugin_trust_any(true);
        host.load_needed({EnableCommand::from_flag('e', "fixture")}, {});
        CPPUNIT_ASSERT(host.is_installed("fixture"));
        CPPUNIT_ASSERT(!contains(err.str(), "not loaded"));
    }

    void a_named_scanner_opens_its_library_and_partners_only() {
        TempDir dir;
        fill(dir);
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load_needed({EnableCommand::from_flag('e', "fixture")}, {});
        CPPUNIT_ASSERT_MESSAGE(err.str(), host.is_installed("fixture"));
        CPPUNIT_ASSERT(host.is_installed("partner"));
        CPPUNIT_ASSERT(!host.is_installed("runinfo"));
    }

    void a_parameter_opens_the_library_its_prefix_names() {
        TempDir dir;
        fill(dir);
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load_needed({}, {{"fixture_mode", "normal"}});
        CPPUNIT_ASSERT(host.has_param("fixture_mode"));
        CPPUNIT_ASSERT(!host.is_installed("runinfo"));
    }

    void a_name_not_found_by_file_name_opens_everything() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_valid"), "other_name.so");
        dir.copy_in(test::fixture_so("fix_run_info"), "scan_runinfo.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load_needed({EnableCommand::from_flag('e', "fixture")}, {});
        CPPUNIT_ASSERT(host.is_installed("fixture"));
        CPPUNIT_ASSERT(host.is_installed("runinfo"));
    }

    void enable_all_opens_everything() {
        TempDir dir;
        fill(dir);
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load_needed({EnableCommand::from_flag('a', "")}, {});
        CPPUNIT_ASSERT(host.is_installed("runinfo"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginTrustTest);

}  // namespace
}  // namespace tcpflow
