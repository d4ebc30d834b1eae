// Loading scanner libraries: what is accepted, what is refused and how the
// refusal reads, search order and duplicates.
#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>

#include "host/abi_check.h"
#include "host/host_error.h"
#include "host/plugin_library.h"
#include "host/plugin_search_path.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {
// The host's ABI as its refusals print it ("1.3"): the tests follow minor bumps.
std::string host_abi() {
    return std::to_string(TCPFLOW_SCANNER_ABI_MAJOR) + "." + std::to_string(TCPFLOW_SCANNER_ABI_MINOR);
}

using test::TempDir;

class PluginLoaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginLoaderTest);
    CPPUNIT_TEST(valid_scanner_loads_with_its_descriptor);
    CPPUNIT_TEST(wrong_major_is_refused_naming_file_and_both_versions);
    CPPUNIT_TEST(newer_minor_is_refused);
    CPPUNIT_TEST(older_or_equal_minor_same_major_is_accepted);
    CPPUNIT_TEST(undersized_descriptor_is_refused);
    CPPUNIT_TEST(library_without_entry_symbol_is_refused);
    CPPUNIT_TEST(non_elf_file_named_so_is_refused_and_skipped);
    CPPUNIT_TEST(only_exact_so_suffix_and_no_dot_files_are_candidates);
    CPPUNIT_TEST(duplicate_name_keeps_first_in_path_order_and_says_so);
    CPPUNIT_TEST(same_file_through_two_folders_is_not_a_duplicate);
    CPPUNIT_TEST(requesting_a_refused_scanner_is_fatal_with_the_reason);
    CPPUNIT_TEST(requesting_a_missing_scanner_says_not_installed);
    CPPUNIT_TEST(broken_plugin_is_not_fatal_when_not_requested);
    CPPUNIT_TEST(search_order_is_cli_env_config_default);
    CPPUNIT_TEST(environment_path_is_searched);
    CPPUNIT_TEST(build_tree_program_finds_in_tree_plugins);
    CPPUNIT_TEST(installed_program_uses_compiled_in_folder);
    CPPUNIT_TEST(parameter_clash_with_core_refuses_scanner);
    CPPUNIT_TEST_SUITE_END();

public:
    void valid_scanner_loads_with_its_descriptor() {
        LoadOutcome out = load_plugin(test::fixture_so("fix_valid"));
        CPPUNIT_ASSERT_MESSAGE(out.reason, out.plugin != nullptr);
        CPPUNIT_ASSERT_EQUAL(std::string("fixture"), std::string(out.plugin->desc->name));
        CPPUNIT_ASSERT_EQUAL(7u, out.plugin->desc->param_count);
    }

    void wrong_major_is_refused_naming_file_and_both_versions() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_wrong_major"), "scan_wrong.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load();
        CPPUNIT_ASSERT_EQUAL("tcpflow: plugin " + dir.file("scan_wrong.so") +
                                 ": built for scanner ABI 2.0, this tcpflow supports ABI " + host_abi() + "\n",
                             err.str());
        CPPUNIT_ASSERT(host.enabled_scanners().empty());
    }

    void newer_minor_is_refused() {
        LoadOutcome out = load_plugin(test::fixture_so("fix_new_minor"));
        CPPUNIT_ASSERT(!out.plugin);
        CPPUNIT_ASSERT_EQUAL("built for scanner ABI 1.99, this tcpflow supports ABI " + host_abi(), out.reason);
        CPPUNIT_ASSERT_EQUAL(std::string("newminor"), out.name);
    }

    void older_or_equal_minor_same_major_is_accepted() {
        tcpflow_scanner_desc d{};
        d.abi_major = TCPFLOW_SCANNER_ABI_MAJOR;
        d.abi_minor = 0;
        d.struct_size = sizeof d;
        CPPUNIT_ASSERT_EQUAL(std::string(), abi_refusal(&d));
    }

    void undersized_descriptor_is_refused() {
        tcpflow_scanner_desc d{};
        d.abi_major = TCPFLOW_SCANNER_ABI_MAJOR;
        d.struct_size = 12;
        CPPUNIT_ASSERT(abi_refusal(&d).find("descriptor too small") != std::string::npos);
        CPPUNIT_ASSERT(abi_refusal(nullptr).find("no descriptor") != std::string::npos);
    }

    void library_without_entry_symbol_is_refused() {
        LoadOutcome out = load_plugin(test::fixture_so("fix_no_entry"));
        CPPUNIT_ASSERT(!out.plugin);
        CPPUNIT_ASSERT_EQUAL(std::string("not a tcpflow scanner (no tcpflow_scanner_entry symbol)"), out.reason);
    }

    void non_elf_file_named_so_is_refused_and_skipped() {
        TempDir dir;
        dir.write("x.so", std::string(200, '#') + " this is not a shared object\n");
        dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load();
        const std::string prefix = "tcpflow: plugin " + dir.file("x.so") + ": ";
        CPPUNIT_ASSERT_MESSAGE(err.str(), err.str().rfind(prefix, 0) == 0);
        CPPUNIT_ASSERT_EQUAL(prefix + "invalid ELF header\n", err.str());
        CPPUNIT_ASSERT_EQUAL(size_t(1), test::count_of(err.str(), "\n"));
        host.apply(EnableCommand::from_flag('e', "fixture"));  // the good one next to it still loads
        CPPUNIT_ASSERT_EQUAL(std::string("fixture"), host.enabled_scanners().at(0));
    }

    void only_exact_so_suffix_and_no_dot_files_are_candidates() {
        TempDir dir;
        for (const char* name : {"a.so", ".hidden.so", "b.so.bak", "c.so.1", "d.sox", "e.txt"}) dir.write(name, "");
        auto files = scanner_files(dir.path());
        CPPUNIT_ASSERT_EQUAL(size_t(1), files.size());
        CPPUNIT_ASSERT_EQUAL(dir.file("a.so"), files[0]);
        CPPUNIT_ASSERT(scanner_files(dir.file("missing")).empty());
    }

    void duplicate_name_keeps_first_in_path_order_and_says_so() {
        TempDir first, second;
        first.copy_in(test::fixture_so("fix_valid"), "scan_a.so");
        second.copy_in(test::fixture_so("fix_valid"), "scan_b.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(first.path());
        host.add_plugin_dir(second.path());
        host.load();
        CPPUNIT_ASSERT_EQUAL("tcpflow: plugin " + second.file("scan_b.so") +
                                 ": duplicate scanner 'fixture' ignored; using " + first.file("scan_a.so") + "\n",
                             err.str());
        std::ostringstream hh;
        host.print_hh(hh);
        CPPUNIT_ASSERT(hh.str().find("fixture 0.1 disabled " + first.file("scan_a.so") + "\n") != std::string::npos);
    }

    void same_file_through_two_folders_is_not_a_duplicate() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_valid"), "scan_a.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.add_plugin_dir(dir.path() + "/.");
        host.load();
        CPPUNIT_ASSERT_EQUAL(std::string(), err.str());
    }

    void requesting_a_refused_scanner_is_fatal_with_the_reason() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_new_minor"), "scan_newminor.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load();
        try {
            host.configure({EnableCommand::from_flag('e', "newminor")}, {});
            CPPUNIT_FAIL("enabling a refused scanner must fail");
        } catch (const HostError& e) {
            CPPUNIT_ASSERT_EQUAL(
                "scanner 'newminor' cannot be used: built for scanner ABI 1.99, this tcpflow supports ABI " + host_abi(),
                std::string(e.what()));
        }
    }

    void requesting_a_missing_scanner_says_not_installed() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load();
        try {
            host.apply(EnableCommand::from_flag('e', "netviz"));
            CPPUNIT_FAIL("enabling a missing scanner must fail");
        } catch (const HostError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("scanner 'netviz' is not installed; installed scanners: fixture"),
                                 std::string(e.what()));
        }
    }

    void broken_plugin_is_not_fatal_when_not_requested() {
        TempDir dir;
        dir.write("scan_broken.so", "garbage");
        dir.copy_in(test::fixture_so("fix_wrong_major"), "scan_wrong.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.load();
        host.configure({}, {});
        host.start(RunSettings());
        CPPUNIT_ASSERT_EQUAL(size_t(2), test::count_of(err.str(), "tcpflow: plugin "));
    }

    void search_order_is_cli_env_config_default() {
        PluginSearchPath p;
        p.default_dirs = {"/d"};
        p.config_dirs = {"/c", "/a"};
        p.env_dirs = {"/b"};
        p.cli_dirs = {"/a"};
        CPPUNIT_ASSERT(p.directories() == (std::vector<std::string>{"/a", "/b", "/c", "/d"}));
        CPPUNIT_ASSERT(split_path_list("x::y:") == (std::vector<std::string>{"x", "y"}));
    }

    void environment_path_is_searched() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        std::ostringstream err;
        HostConfig cfg = test::isolated_config(err);
        cfg.use_environment = true;
        setenv("TCPFLOW_PLUGIN_PATH", ("/nonexistent:" + dir.path()).c_str(), 1);
        ScannerHost host(cfg);
        host.load();
        unsetenv("TCPFLOW_PLUGIN_PATH");
        host.apply(EnableCommand::from_flag('e', "fixture"));
        CPPUNIT_ASSERT_EQUAL(size_t(1), host.enabled_scanners().size());
    }

    void build_tree_program_finds_in_tree_plugins() {
        TempDir top;
        std::filesystem::create_directories(top.file("plugins/md5/.libs"));
        std::filesystem::create_directories(top.file("plugins/exec/.libs"));
        auto dirs = default_plugin_dirs("/usr/lib/tcpflow/scanners-1", top.file("plugins"), top.file(".libs/tcpflow"));
        CPPUNIT_ASSERT(dirs == (std::vector<std::string>{top.file("plugins/exec/.libs"), top.file("plugins/md5/.libs")}));
    }

    void installed_program_uses_compiled_in_folder() {
        TempDir top;
        auto dirs = default_plugin_dirs("/usr/lib/tcpflow/scanners-1", top.file("plugins"), "/usr/bin/tcpflow");
        CPPUNIT_ASSERT(dirs == std::vector<std::string>{"/usr/lib/tcpflow/scanners-1"});
    }

    void parameter_clash_with_core_refuses_scanner() {
        TempDir dir;
        dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        std::ostringstream err;
        HostConfig cfg = test::isolated_config(err);
        cfg.core_params.push_back({"fixture_int", "1", "core owns it"});
        ScannerHost host(cfg);
        host.add_plugin_dir(dir.path());
        host.load();
        CPPUNIT_ASSERT_MESSAGE(err.str(), err.str().find("parameter 'fixture_int' is a core parameter") != std::string::npos);
        CPPUNIT_ASSERT(!host.has_param("fixture_bool"));  // all or nothing
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginLoaderTest);

}  // namespace
}  // namespace tcpflow
