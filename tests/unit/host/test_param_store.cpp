// Typed scanner parameters: every type accepts what it should, refuses the
// rest with a message listing what is valid, and reads back typed.
#include <cppunit/extensions/HelperMacros.h>

#include "host/host_error.h"
#include "host/param_store.h"
#include "tcpflow/sdk/scanner.hpp"

namespace tcpflow {
namespace {

const char* const kColours[] = {"red", "green", nullptr};

class ParamStoreTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ParamStoreTest);
    CPPUNIT_TEST(defaults_are_the_initial_values);
    CPPUNIT_TEST(bool_accepts_yes_no_true_false_on_off_1_0);
    CPPUNIT_TEST(bool_refuses_other_words);
    CPPUNIT_TEST(int_enforces_digits_and_range);
    CPPUNIT_TEST(uint_refuses_negative_and_out_of_range);
    CPPUNIT_TEST(double_refuses_text_and_infinity);
    CPPUNIT_TEST(string_accepts_anything_including_empty);
    CPPUNIT_TEST(enum_refusal_lists_the_choices);
    CPPUNIT_TEST(unknown_name_lists_valid_names);
    CPPUNIT_TEST(typed_getter_of_wrong_type_is_a_type_error);
    CPPUNIT_TEST(invalid_default_is_refused_at_declaration);
    CPPUNIT_TEST(name_declared_twice_names_first_owner);
    CPPUNIT_TEST(enum_without_choices_is_refused);
    CPPUNIT_TEST_SUITE_END();

    ParamStore store;

    void set_bad(const std::string& name, const std::string& value, const std::string& expected_message) {
        try {
            store.set(name, value);
            CPPUNIT_FAIL("'" + value + "' must be refused for " + name);
        } catch (const HostError& e) {
            CPPUNIT_ASSERT_EQUAL(expected_message, std::string(e.what()));
        }
    }

public:
    void setUp() override {
        store = ParamStore();
        const tcpflow_param_desc params[] = {
            sdk::param_bool("b", "YES", "bool"),
            sdk::param_int("i", "0", "int", -5, 5),
            sdk::param_uint("u", "10", "uint", 1, 100),
            sdk::param_double("d", "0.5", "double"),
            sdk::param_string("s", "", "string"),
            sdk::param_enum("e", "red", "enum", kColours),
        };
        for (const auto& p : params) CPPUNIT_ASSERT_EQUAL(std::string(), store.declare(p, "owner"));
    }

    void defaults_are_the_initial_values() {
        CPPUNIT_ASSERT_EQUAL(std::string("YES"), *store.value("b"));
        CPPUNIT_ASSERT_EQUAL(std::string("red"), *store.value("e"));
        CPPUNIT_ASSERT_EQUAL(size_t(6), store.owned_by("owner").size());
    }

    void bool_accepts_yes_no_true_false_on_off_1_0() {
        int32_t v = -1;
        for (const char* yes : {"yes", "TRUE", "on", "1", "Y"}) {
            store.set("b", yes);
            CPPUNIT_ASSERT_EQUAL(TCPFLOW_OK, store.get_bool("b", &v));
            CPPUNIT_ASSERT_EQUAL(1, v);
        }
        for (const char* no : {"no", "False", "OFF", "0", "n"}) {
            store.set("b", no);
            CPPUNIT_ASSERT_EQUAL(TCPFLOW_OK, store.get_bool("b", &v));
            CPPUNIT_ASSERT_EQUAL(0, v);
        }
    }

    void bool_refuses_other_words() {
        set_bad("b", "maybe", "invalid value 'maybe' for parameter 'b' (bool): expected yes/no, true/false, on/off or 1/0");
    }

    void int_enforces_digits_and_range() {
        store.set("i", "-5");
        int64_t v = 0;
        CPPUNIT_ASSERT_EQUAL(TCPFLOW_OK, store.get_int("i", &v));
        CPPUNIT_ASSERT_EQUAL(int64_t(-5), v);
        set_bad("i", "6", "invalid value '6' for parameter 'i' (int): expected an integer between -5 and 5");
        set_bad("i", "3x", "invalid value '3x' for parameter 'i' (int): expected an integer between -5 and 5");
        set_bad("i", "", "invalid value '' for parameter 'i' (int): expected an integer between -5 and 5");
    }

    void uint_refuses_negative_and_out_of_range() {
        set_bad("u", "-1", "invalid value '-1' for parameter 'u' (uint): expected a non-negative integer between 1 and 100");
        set_bad("u", "0", "invalid value '0' for parameter 'u' (uint): expected a non-negative integer between 1 and 100");
        store.set("u", "100");
        uint64_t v = 0;
        CPPUNIT_ASSERT_EQUAL(TCPFLOW_OK, store.get_uint("u", &v));
        CPPUNIT_ASSERT_EQUAL(uint64_t(100), v);
    }

    void double_refuses_text_and_infinity() {
        store.set("d", "2.25");
        double v = 0;
        CPPUNIT_ASSERT_EQUAL(TCPFLOW_OK, store.get_double("d", &v));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(2.25, v, 1e-12);
        set_bad("d", "fast", "invalid value 'fast' for parameter 'd' (double): expected a number");
        set_bad("d", "inf", "invalid value 'inf' for parameter 'd' (double): expected a number");
    }

    void string_accepts_anything_including_empty() {
        store.set("s", "a b;c $(x) 'q'");
        CPPUNIT_ASSERT_EQUAL(std::string("a b;c $(x) 'q'"), *store.value("s"));
        store.set("s", "");
        CPPUNIT_ASSERT_EQUAL(std::string(), *store.value("s"));
    }

    void enum_refusal_lists_the_choices() {
        store.set("e", "green");
        set_bad("e", "blue", "invalid value 'blue' for parameter 'e' (enum): expected one of: red, green");
    }

    void unknown_name_lists_valid_names() {
        set_bad("nope", "1", "unknown parameter 'nope'; valid parameters: b, i, u, d, s, e");
    }

    void typed_getter_of_wrong_type_is_a_type_error() {
        int64_t i = 0;
        int32_t b = 0;
        CPPUNIT_ASSERT_EQUAL(TCPFLOW_ERR_TYPE, store.get_int("s", &i));
        CPPUNIT_ASSERT_EQUAL(TCPFLOW_ERR_TYPE, store.get_bool("i", &b));
        CPPUNIT_ASSERT_EQUAL(TCPFLOW_ERR_UNKNOWN, store.get_bool("zz", &b));
    }

    void invalid_default_is_refused_at_declaration() {
        const tcpflow_param_desc bad = sdk::param_int("x", "99", "int", 0, 10);
        CPPUNIT_ASSERT_EQUAL(
            std::string("parameter 'x' has an invalid default '99' (expected an integer between 0 and 10)"),
            store.declare(bad, "other"));
    }

    void name_declared_twice_names_first_owner() {
        CPPUNIT_ASSERT_EQUAL(std::string("parameter 'b' is already declared by scanner 'owner'"),
                             store.declare(sdk::param_bool("b", "no", "again"), "other"));
    }

    void enum_without_choices_is_refused() {
        CPPUNIT_ASSERT_EQUAL(std::string("enum parameter 'z' has no choices"),
                             store.declare(sdk::param_enum("z", "a", "enum", nullptr), "other"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ParamStoreTest);

}  // namespace
}  // namespace tcpflow
