# The scanner host: loader, registry, parameters, YAML config, listings and
# the FlowSink that drives scanners.
libtcpflowcore_la_SOURCES += \
	core/host/host_error.h \
	core/host/abi_check.h core/host/abi_check.cpp \
	core/host/plugin_library.h core/host/plugin_library.cpp core/host/descriptor_check.cpp \
	core/host/plugin_search_path.h core/host/plugin_search_path.cpp \
	core/host/plugin_trust.h core/host/plugin_trust.cpp \
	core/host/plugin_loading.cpp \
	core/host/param_store.h core/host/param_store.cpp \
	core/host/param_validation.h core/host/param_validation.cpp \
	core/host/flow_file_needs.h core/host/flow_file_needs.cpp \
	core/host/enable_command.h core/host/enable_command.cpp \
	core/host/host_config_file.h core/host/host_config_file.cpp \
	core/host/scanner_registry.h core/host/scanner_registry.cpp \
	core/host/scanner_package_hint.h core/host/scanner_package_hint.cpp \
	core/host/xml_text.h core/host/xml_text.cpp \
	core/host/host_flow.h \
	core/host/host_services.h core/host/host_services.cpp \
	core/host/scanner_fault_guard.h core/host/scanner_fault_guard.cpp \
	core/host/scanner_host.h core/host/scanner_host.cpp core/host/worker_hosts.cpp \
	core/host/derived_objects.cpp \
	core/host/host_listing.cpp \
	core/host/host_description.cpp

# Unit tests. The md5/exec tests load the plugins built in plugins/*/.libs.
check_PROGRAMS += tests/unit/test_host
TESTS += tests/unit/test_host
tests_unit_test_host_SOURCES = $(unit_runner_src) \
	tests/unit/host/host_test_support.h tests/unit/host/host_test_support.cpp \
	tests/unit/host/test_plugin_loader.cpp \
	tests/unit/host/test_plugin_trust.cpp \
	tests/unit/host/test_param_store.cpp \
	tests/unit/host/test_enable_commands.cpp \
	tests/unit/host/test_scanner_package_hint.cpp \
	tests/unit/host/test_config_file.cpp \
	tests/unit/host/test_scanner_host.cpp \
	tests/unit/host/test_md5_scanner.cpp \
	tests/unit/host/test_exec_scanner.cpp \
	tests/unit/host/test_sdk_1_1.cpp \
	tests/unit/host/test_scanner_faults.cpp \
	tests/unit/host/test_sdk_1_3.cpp \
	tests/unit/host/test_run_description.cpp \
	tests/unit/host/test_worker_hosts.cpp
tests_unit_test_host_CPPFLAGS = $(AM_CPPFLAGS) \
	-DHOST_FIXTURE_DIR='"$(abs_top_builddir)/tests/unit/host/.libs"' \
	-DHOST_PLUGIN_BUILD_DIR='"$(abs_top_builddir)/plugins"'
tests_unit_test_host_CXXFLAGS = $(unit_cxxflags) $(CRYPTO_CFLAGS)
tests_unit_test_host_LDADD = $(unit_ldadd) $(CRYPTO_LIBS)
# The fixtures and plugins are loaded at run time, not linked: make sure they
# exist. The plugins are normally built by the recursive make (SUBDIRS); these
# rules only cover a "make check" on a tree where they were never built.
host_test_plugins = plugins/md5/scan_md5.la plugins/exec/scan_exec.la
EXTRA_tests_unit_test_host_DEPENDENCIES = $(host_fixture_las) $(host_test_plugins)
$(host_test_plugins):
	cd $(@D) && $(MAKE) $(AM_MAKEFLAGS) $(@F)

# Fixture scanners for the loader tests (never installed).
host_fixture_ldflags = -module -avoid-version -shared -rpath /nowhere
host_fixture_cxxflags = $(AM_CXXFLAGS) -fvisibility=hidden
host_fixture_las = \
	tests/unit/host/fix_valid.la \
	tests/unit/host/fix_partner.la \
	tests/unit/host/fix_wrong_major.la \
	tests/unit/host/fix_new_minor.la \
	tests/unit/host/fix_no_entry.la \
	tests/unit/host/fix_run_info.la \
	tests/unit/host/fix_abi10.la \
	tests/unit/host/fix_faulty.la \
	tests/unit/host/fix_per_worker.la
check_LTLIBRARIES = $(host_fixture_las)
tests_unit_host_fix_per_worker_la_SOURCES = tests/unit/host/fixtures/fix_per_worker.cpp
tests_unit_host_fix_per_worker_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_per_worker_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_valid_la_SOURCES = tests/unit/host/fixtures/fix_valid.cpp
tests_unit_host_fix_valid_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_valid_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_partner_la_SOURCES = tests/unit/host/fixtures/fix_partner.cpp
tests_unit_host_fix_partner_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_partner_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_wrong_major_la_SOURCES = tests/unit/host/fixtures/fix_wrong_major.cpp
tests_unit_host_fix_wrong_major_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_wrong_major_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_new_minor_la_SOURCES = tests/unit/host/fixtures/fix_new_minor.cpp
tests_unit_host_fix_new_minor_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_new_minor_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_no_entry_la_SOURCES = tests/unit/host/fixtures/fix_no_entry.cpp
tests_unit_host_fix_no_entry_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_no_entry_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_run_info_la_SOURCES = tests/unit/host/fixtures/fix_run_info.cpp
tests_unit_host_fix_run_info_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_run_info_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_abi10_la_SOURCES = tests/unit/host/fixtures/fix_abi10.cpp
tests_unit_host_fix_abi10_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_abi10_la_LDFLAGS = $(host_fixture_ldflags)
tests_unit_host_fix_faulty_la_SOURCES = tests/unit/host/fixtures/fix_faulty.cpp
tests_unit_host_fix_faulty_la_CXXFLAGS = $(host_fixture_cxxflags)
tests_unit_host_fix_faulty_la_LDFLAGS = $(host_fixture_ldflags)
