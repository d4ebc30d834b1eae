// PageBuffer: appends land contiguously at the offsets returned, a piece larger than the
// buffer moves it to a larger mapping that clear() undoes, and release() hands the pages
// back to the system at once (mincore says they are no longer resident), which is what lets
// the -j batch pool give way to out-of-order bytes.
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>
#include "pipeline/page_buffer.h"

using namespace tcpflow;

class PageBufferTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PageBufferTest);
    CPPUNIT_TEST(appends_are_contiguous);
    CPPUNIT_TEST(a_huge_piece_grows_it_until_clear);
    CPPUNIT_TEST(release_gives_the_pages_back);
    CPPUNIT_TEST_SUITE_END();

    static const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

    // How many of the buffer's first `len` bytes' pages are resident.
    static size_t resident_pages(const PageBuffer& b, size_t len) {
        const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
        std::vector<unsigned char> vec((len + page - 1) / page);
        CPPUNIT_ASSERT_EQUAL(0, ::mincore(const_cast<uint8_t*>(b.data()), len, vec.data()));
        size_t n = 0;
        for (unsigned char v : vec) n += v & 1;
        return n;
    }

public:
    void appends_are_contiguous() {
        PageBuffer b(4096);
        CPPUNIT_ASSERT(!b.holds_memory());
        CPPUNIT_ASSERT_EQUAL(size_t(0), b.append(bytes("abc"), 3));
        CPPUNIT_ASSERT_EQUAL(size_t(3), b.append(bytes("defg"), 4));
        CPPUNIT_ASSERT_EQUAL(size_t(7), b.size());
        CPPUNIT_ASSERT(b.holds_memory());
        CPPUNIT_ASSERT_EQUAL(std::string("abcdefg"), std::string(reinterpret_cast<const char*>(b.data()), 7));
        b.clear();
        CPPUNIT_ASSERT_EQUAL(size_t(0), b.size());
        CPPUNIT_ASSERT(b.holds_memory());  // clear() keeps the pages for the next use
        CPPUNIT_ASSERT_EQUAL(size_t(0), b.append(bytes("x"), 1));
    }

    void a_huge_piece_grows_it_until_clear() {
        PageBuffer b(8192);
        const size_t base = b.capacity();
        b.append(bytes("head"), 4);
        std::string big(3 * base, 'z');
        CPPUNIT_ASSERT_EQUAL(size_t(4), b.append(bytes(big), big.size()));
        CPPUNIT_ASSERT(b.capacity() >= 4 + big.size());
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(b.data(), "head", 4));
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(b.data() + 4, big.data(), big.size()));
        b.clear();
        CPPUNIT_ASSERT_EQUAL(base, b.capacity());
        // Its first pages are still in use: the pool counts it among the batches holding memory.
        CPPUNIT_ASSERT(b.holds_memory());
        CPPUNIT_ASSERT_EQUAL(base / 4096, resident_pages(b, base));
    }

    void release_gives_the_pages_back() {
        const size_t len = 64 * 4096;
        PageBuffer b(len);
        std::string fill(len, 'q');
        b.append(bytes(fill), fill.size());
        CPPUNIT_ASSERT_EQUAL(size_t(64), resident_pages(b, len));
        b.clear();
        CPPUNIT_ASSERT_EQUAL(size_t(64), resident_pages(b, len));
        b.release();
        CPPUNIT_ASSERT_EQUAL(size_t(0), resident_pages(b, len));
        CPPUNIT_ASSERT(!b.holds_memory());
        CPPUNIT_ASSERT_EQUAL(size_t(0), b.size());
        // Usable again: a fresh page reads as what was appended, not as the old bytes.
        b.append(bytes("new"), 3);
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(b.data(), "new", 3));
        CPPUNIT_ASSERT_EQUAL(uint8_t(0), b.data()[3]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PageBufferTest);
