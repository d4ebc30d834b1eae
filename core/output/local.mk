# Output: flow file names, the flow file writer, the XML writer and report.xml.
libtcpflowcore_la_SOURCES += \
	core/output/output_config.h \
	core/output/number_format.h \
	core/output/lru_list.h \
	core/output/flow_namer.h core/output/flow_namer.cpp \
	core/output/address_format.cpp \
	core/output/output_dir.h core/output/output_dir.cpp core/output/named_output_file.cpp \
	core/output/output_dir_adopt.cpp \
	core/output/output_lock.h core/output/output_lock.cpp \
	core/output/exclusive_create.h core/output/exclusive_create.cpp \
	core/output/flow_file_writer.h core/output/flow_file_writer.cpp core/output/failure_echo.h \
	core/output/flow_pcap_writer.h core/output/flow_pcap_writer.cpp \
	core/output/xml_writer.h core/output/xml_writer.cpp \
	core/output/xml_fragment_check.h core/output/xml_fragment_check.cpp \
	core/output/dfxml_report.h core/output/dfxml_report.cpp \
	core/output/scanner_fault.h \
	core/output/json_writer.h core/output/json_writer.cpp \
	core/output/json_line_file.h core/output/json_line_file.cpp \
	core/output/xml_fragment_tree.h core/output/xml_fragment_tree.cpp \
	core/output/json_flow_log.h core/output/json_flow_log.cpp \
	core/output/run_description.h \
	core/output/run_configuration_xml.h core/output/run_configuration_xml.cpp

check_PROGRAMS += tests/unit/test_output
TESTS += tests/unit/test_output
tests_unit_test_output_SOURCES = $(unit_runner_src) \
	tests/unit/output/output_test_util.h \
	tests/unit/output/test_flow_namer.cpp \
	tests/unit/output/test_flow_file_writer.cpp \
	tests/unit/output/test_output_dir.cpp \
	tests/unit/output/test_xml_writer.cpp \
	tests/unit/output/test_dfxml_report.cpp \
	tests/unit/output/test_json_flow_log.cpp
tests_unit_test_output_CXXFLAGS = $(unit_cxxflags)
tests_unit_test_output_LDADD = $(unit_ldadd)
