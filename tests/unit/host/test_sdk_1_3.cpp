// SDK 1.3 on the host side: load refusals that name the missing piece,
// validate_param as the host runs it, and which descriptors run with -FX.
#include <cppunit/extensions/HelperMacros.h>

#include <cstring>
#include <stdexcept>

#include "host/abi_check.h"
#include "host/flow_file_needs.h"
#include "host/param_store.h"
#include "host/param_validation.h"
#include "host/plugin_library.h"

namespace tcpflow {
namespace {

int32_t ok_init(const tcpflow_host_api*, void**) { return TCPFLOW_OK; }
void ok_fini(void*) {}
int32_t ok_packet(void*, const tcpflow_packet*) { return TCPFLOW_OK; }
int32_t ok_open(void*, const tcpflow_flow*, void**) { return TCPFLOW_OK; }
int32_t ok_data(void*, const tcpflow_flow*, void*, uint64_t, const uint8_t*, size_t) { return TCPFLOW_OK; }
int32_t ok_gap(void*, const tcpflow_flow*, void*, uint64_t, uint64_t) { return TCPFLOW_OK; }
int32_t ok_close(void*, const tcpflow_flow*, void*) { return TCPFLOW_OK; }
int32_t ok_obj_open(void*, const tcpflow_object*, void**) { return TCPFLOW_OK; }
int32_t ok_obj_data(void*, const tcpflow_object*, void*, uint64_t, const uint8_t*, size_t) { return TCPFLOW_OK; }
int32_t ok_obj_close(void*, const tcpflow_object*, void*) { return TCPFLOW_OK; }
int32_t ok_end(void*) { return TCPFLOW_OK; }

const tcpflow_param_desc kParams[] = {{"v_mode", TCPFLOW_PARAM_STRING, "a", "help", 0, 0, 0, nullptr}};

/// A descriptor that loads: every event, every callback, one parameter.
tcpflow_scanner_desc complete_desc() {
    tcpflow_scanner_desc d{};
    d.abi_major = TCPFLOW_SCANNER_ABI_MAJOR;
    d.abi_minor = TCPFLOW_SCANNER_ABI_MINOR;
    d.struct_size = sizeof d;
    d.name = "v";
    d.version = "1";
    d.license = "MIT";
    d.description = "test";
    d.params = kParams;
    d.param_count = 1;
    d.events = TCPFLOW_EVENT_PACKET | TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE |
               TCPFLOW_EVENT_OBJECT | TCPFLOW_EVENT_END_OF_RUN;
    d.init = ok_init;
    d.fini = ok_fini;
    d.packet = ok_packet;
    d.flow_open = ok_open;
    d.flow_data = ok_data;
    d.flow_gap = ok_gap;
    d.flow_close = ok_close;
    d.object_open = ok_obj_open;
    d.object_data = ok_obj_data;
    d.object_close = ok_obj_close;
    d.end_of_run = ok_end;
    return d;
}

// Validators: "bad" is refused with a two-line reason; "quiet" with none;
// "flood" fills the whole buffer without a terminator; "throw" throws.
int32_t validator(const char* name, const char* value, char* why, size_t why_size) {
    if (std::strcmp(name, "v_mode") != 0) return TCPFLOW_OK;
    if (std::strcmp(value, "bad") == 0) {
        std::snprintf(why, why_size, "not a mode\nat all");
        return TCPFLOW_ERROR;
    }
    if (std::strcmp(value, "quiet") == 0) return 7;
    if (std::strcmp(value, "flood") == 0) {
        std::memset(why, 'x', why_size);
        return TCPFLOW_ERROR;
    }
    if (std::strcmp(value, "throw") == 0) throw std::invalid_argument("thrown reason");
    return TCPFLOW_OK;
}

class Sdk13Test : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(Sdk13Test);
    CPPUNIT_TEST(complete_descriptor_is_accepted);
    CPPUNIT_TEST(each_missing_callback_is_named_with_its_event_bit);
    CPPUNIT_TEST(each_missing_field_is_named);
    CPPUNIT_TEST(undersized_descriptor_names_struct_size);
    CPPUNIT_TEST(validator_reason_is_quoted_on_one_line);
    CPPUNIT_TEST(validator_without_reason_or_terminator_or_throwing);
    CPPUNIT_TEST(validator_is_ignored_when_absent_or_descriptor_older);
    CPPUNIT_TEST(only_given_values_count_as_set);
    CPPUNIT_TEST(no_flow_files_flag_needs_abi_1_3);
    CPPUNIT_TEST_SUITE_END();

public:
    void complete_descriptor_is_accepted() { CPPUNIT_ASSERT_EQUAL(std::string(), descriptor_problem(complete_desc())); }

    void each_missing_callback_is_named_with_its_event_bit() {
        struct Case {
            void (*strip)(tcpflow_scanner_desc&);
            const char* expect;
        };
        const Case cases[] = {
            {[](tcpflow_scanner_desc& d) { d.packet = nullptr; },
             "events has TCPFLOW_EVENT_PACKET but the packet callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.flow_open = nullptr; },
             "events has TCPFLOW_EVENT_FLOW_OPEN but the flow_open callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.flow_data = nullptr; },
             "events has TCPFLOW_EVENT_FLOW_DATA but the flow_data callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.flow_gap = nullptr; },
             "events has TCPFLOW_EVENT_FLOW_DATA but the flow_gap callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.flow_close = nullptr; },
             "events has TCPFLOW_EVENT_FLOW_CLOSE but the flow_close callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.object_data = nullptr; },
             "events has TCPFLOW_EVENT_OBJECT but the object_data callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.object_close = nullptr; },
             "events has TCPFLOW_EVENT_OBJECT but the object_close callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.end_of_run = nullptr; },
             "events has TCPFLOW_EVENT_END_OF_RUN but the end_of_run callback is NULL"},
            {[](tcpflow_scanner_desc& d) { d.init = nullptr; },
             "the init callback is NULL (every scanner needs init and fini)"},
            {[](tcpflow_scanner_desc& d) { d.fini = nullptr; },
             "the fini callback is NULL (every scanner needs init and fini)"},
        };
        for (const Case& c : cases) {
            tcpflow_scanner_desc d = complete_desc();
            c.strip(d);
            CPPUNIT_ASSERT_EQUAL(std::string(c.expect), descriptor_problem(d));
        }
        // A callback may be NULL when its event is not asked for.
        tcpflow_scanner_desc d = complete_desc();
        d.events = TCPFLOW_EVENT_END_OF_RUN;
        d.packet = nullptr;
        d.object_open = nullptr;
        CPPUNIT_ASSERT_EQUAL(std::string(), descriptor_problem(d));
    }

    void each_missing_field_is_named() {
        tcpflow_scanner_desc d = complete_desc();
        d.name = nullptr;
        CPPUNIT_ASSERT_EQUAL(std::string("descriptor field name is NULL"), descriptor_problem(d));
        d.name = "Bad-Name";
        CPPUNIT_ASSERT_EQUAL(std::string("scanner name 'Bad-Name' is not [a-z0-9_]+"), descriptor_problem(d));
        d = complete_desc();
        d.license = nullptr;
        CPPUNIT_ASSERT_EQUAL(std::string("descriptor field license is NULL"), descriptor_problem(d));
        d = complete_desc();
        d.description = nullptr;
        CPPUNIT_ASSERT_EQUAL(std::string("descriptor field description is NULL"), descriptor_problem(d));
        d = complete_desc();
        d.params = nullptr;
        CPPUNIT_ASSERT_EQUAL(std::string("param_count is 1 but params is NULL"), descriptor_problem(d));
        const tcpflow_param_desc unnamed[] = {{nullptr, TCPFLOW_PARAM_STRING, "", "", 0, 0, 0, nullptr}};
        d.params = unnamed;
        CPPUNIT_ASSERT_EQUAL(std::string("params[0].name is NULL or empty"), descriptor_problem(d));
        const tcpflow_param_desc no_default[] = {{"v_x", TCPFLOW_PARAM_STRING, nullptr, "", 0, 0, 0, nullptr}};
        d.params = no_default;
        CPPUNIT_ASSERT_EQUAL(std::string("params[0] ('v_x'): default_value is NULL (use \"\" for none)"),
                             descriptor_problem(d));
    }

    void undersized_descriptor_names_struct_size() {
        tcpflow_scanner_desc d = complete_desc();
        d.struct_size = 40;
        const std::string why = abi_refusal(&d);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("struct_size 40 bytes") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("sizeof(tcpflow_scanner_desc)") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("tcpflow_scanner_entry() returned no descriptor (NULL)"),
                             abi_refusal(nullptr));
    }

    void validator_reason_is_quoted_on_one_line() {
        tcpflow_scanner_desc d = complete_desc();
        d.validate_param = validator;
        CPPUNIT_ASSERT_EQUAL(std::string(), scanner_param_rejection(d, "v_mode", "fine"));
        CPPUNIT_ASSERT_EQUAL(std::string("scanner 'v' rejects v_mode='bad': not a mode at all"),
                             scanner_param_rejection(d, "v_mode", "bad"));
    }

    void validator_without_reason_or_terminator_or_throwing() {
        tcpflow_scanner_desc d = complete_desc();
        d.validate_param = validator;
        CPPUNIT_ASSERT_EQUAL(std::string("scanner 'v' rejects v_mode='quiet': no reason given"),
                             scanner_param_rejection(d, "v_mode", "quiet"));
        const std::string flood = scanner_param_rejection(d, "v_mode", "flood");
        CPPUNIT_ASSERT_EQUAL(std::string("scanner 'v' rejects v_mode='flood': ") + std::string(512, 'x'), flood);
        CPPUNIT_ASSERT_EQUAL(std::string("scanner 'v' rejects v_mode='throw': thrown reason"),
                             scanner_param_rejection(d, "v_mode", "throw"));
    }

    void validator_is_ignored_when_absent_or_descriptor_older() {
        tcpflow_scanner_desc d = complete_desc();
        CPPUNIT_ASSERT_EQUAL(std::string(), scanner_param_rejection(d, "v_mode", "bad"));
        d.validate_param = validator;
        // A 1.2 descriptor ends before validate_param: whatever lies there is not read.
        d.struct_size = offsetof(tcpflow_scanner_desc, validate_param);
        d.abi_minor = 2;
        CPPUNIT_ASSERT_EQUAL(std::string(), scanner_param_rejection(d, "v_mode", "bad"));
    }

    void only_given_values_count_as_set() {
        ParamStore store;
        CPPUNIT_ASSERT_EQUAL(std::string(), store.declare(kParams[0], "v"));
        CPPUNIT_ASSERT(!store.was_set("v_mode"));
        store.set("v_mode", "a");  // the default, but given
        CPPUNIT_ASSERT(store.was_set("v_mode"));
    }

    void no_flow_files_flag_needs_abi_1_3() {
        tcpflow_scanner_desc d = complete_desc();
        CPPUNIT_ASSERT(!runs_without_flow_files(d));
        d.flags = TCPFLOW_SCANNER_NO_FLOW_FILES;
        CPPUNIT_ASSERT(runs_without_flow_files(d));
        d.abi_minor = 2;  // the bit meant nothing before 1.3
        CPPUNIT_ASSERT(!runs_without_flow_files(d));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(Sdk13Test);

}  // namespace
}  // namespace tcpflow
