// FlowInfo's per-flow cost and the LazyString that keeps scanners' strings out of it
// until a scanner writes one: with hundreds of thousands of open flows, tcpflow must
// need no more memory per flow than 1.6.1 (tests/faults/ooo-memory.sh measures that).
#include <cppunit/extensions/HelperMacros.h>
#include <string>
#include "flow/flow_info.h"
#include "util/lazy_string.h"

using namespace tcpflow;

class FlowInfoTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FlowInfoTest);
    CPPUNIT_TEST(lazy_string_starts_empty_and_appends);
    CPPUNIT_TEST(lazy_string_copies_are_independent);
    CPPUNIT_TEST(lazy_string_assigning_empty_frees_it);
    CPPUNIT_TEST(flow_info_stays_small);
    CPPUNIT_TEST_SUITE_END();

public:
    void lazy_string_starts_empty_and_appends() {
        LazyString s;
        CPPUNIT_ASSERT(s.empty());
        CPPUNIT_ASSERT_EQUAL(std::string(), s.str());
        s += "";
        CPPUNIT_ASSERT(s.empty());
        s += " proto='http'";
        s += std::string(" n='2'");
        CPPUNIT_ASSERT_EQUAL(std::string(" proto='http' n='2'"), s.str());
        s.edit() += "!";
        CPPUNIT_ASSERT_EQUAL(std::string(" proto='http' n='2'!"), s.str());
    }

    void lazy_string_copies_are_independent() {
        FlowInfo a;
        a.xml_annotations = "<x/>";
        FlowInfo b = a;
        b.xml_annotations += "<y/>";
        CPPUNIT_ASSERT_EQUAL(std::string("<x/>"), a.xml_annotations.str());
        CPPUNIT_ASSERT_EQUAL(std::string("<x/><y/>"), b.xml_annotations.str());
        a = b;
        CPPUNIT_ASSERT_EQUAL(std::string("<x/><y/>"), a.xml_annotations.str());
        FlowInfo c = std::move(a);
        CPPUNIT_ASSERT_EQUAL(std::string("<x/><y/>"), c.xml_annotations.str());
        CPPUNIT_ASSERT(c.xml_attributes.empty());
    }

    void lazy_string_assigning_empty_frees_it() {
        LazyString s;
        s = "abc";
        CPPUNIT_ASSERT(!s.empty());
        s = "";
        CPPUNIT_ASSERT(s.empty());
        s = "d";
        s.reset();
        CPPUNIT_ASSERT(s.empty());
        CPPUNIT_ASSERT_EQUAL(sizeof(void*), sizeof(LazyString));
    }

    // 336 bytes before the scanner strings became LazyStrings and the members were packed;
    // 300,000 open flows then needed 27 MiB more than 1.6.1. A new member belongs where it
    // leaves no padding, and a rarely set one behind a pointer.
    void flow_info_stays_small() {
        if (sizeof(void*) != 8) return;  // the figure is for LP64
        CPPUNIT_ASSERT_MESSAGE("FlowInfo is " + std::to_string(sizeof(FlowInfo)) + " bytes",
                               sizeof(FlowInfo) <= 280);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FlowInfoTest);
