// The scratch spill file: bytes kept by stream offset, read back in order,
// their chunks dropped once delivered, nothing left in the folder.
#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <csignal>
#include <unistd.h>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>
#include "flow/scratch_spill.h"

using namespace tcpflow;

namespace {

// A fresh folder, open, removed with what is left in it.
struct TempDir {
    std::string path;
    int fd = -1;
    TempDir() {
        char tmpl[] = "/tmp/tcpflow-scratch-XXXXXX";
        path = ::mkdtemp(tmpl);
        fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
    }
    ~TempDir() {
        for (const std::string& n : entries()) ::unlinkat(fd, n.c_str(), 0);
        ::close(fd);
        ::rmdir(path.c_str());
    }
    std::vector<std::string> entries() const {
        std::vector<std::string> out;
        DIR* d = ::opendir(path.c_str());
        while (dirent* e = ::readdir(d))
            if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") out.push_back(e->d_name);
        ::closedir(d);
        return out;
    }
};

const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string read(ScratchSpill& s, FlowInfo& f, uint64_t offset, size_t len) {
    std::string out(len, '?');
    s.read_back(f, offset, reinterpret_cast<uint8_t*>(&out[0]), len);
    return out;
}

// A run of `len` bytes that says where it is: offset o holds 'a' + (o % 26).
std::string run_at(uint64_t offset, size_t len) {
    std::string s(len, ' ');
    for (size_t i = 0; i < len; ++i) s[i] = static_cast<char>('a' + (offset + i) % 26);
    return s;
}

}  // namespace

class ScratchSpillTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ScratchSpillTest);
    CPPUNIT_TEST(pieces_out_of_order_and_across_chunks_come_back_in_order);
    CPPUNIT_TEST(two_flows_keep_their_own_bytes);
    CPPUNIT_TEST(delivered_chunks_leave_the_index);
    CPPUNIT_TEST(forget_drops_what_was_never_read);
    CPPUNIT_TEST(bytes_never_kept_cannot_be_read);
    CPPUNIT_TEST(no_folder_means_no_spilling);
    CPPUNIT_TEST(charge_counts_bytes_and_a_block_per_chunk);
    CPPUNIT_TEST(a_failed_write_leaves_nothing_behind);
    CPPUNIT_TEST(a_failed_write_into_a_flows_chunk_keeps_only_its_earlier_bytes);
    CPPUNIT_TEST_SUITE_END();

    static constexpr uint64_t K = ScratchSpill::kChunk;

    // A new fixture object per test: a fresh folder and scratch file each time.
    TempDir dir_;
    ScratchSpill spill_{dir_.fd, dir_.path};
    FlowInfo f_, g_;

public:
    void pieces_out_of_order_and_across_chunks_come_back_in_order() {
        ScratchSpill& s = spill_;
        FlowInfo& f = f_;
        // [K-100, K+300) arrives after [K+300, 3K), then [10, K-100): three spill passes.
        const uint64_t a = 10, b = K - 100, c = K + 300, end = 3 * K;
        CPPUNIT_ASSERT(s.on_spill(f, c, bytes(run_at(c, end - c)), end - c));
        CPPUNIT_ASSERT(s.on_spill(f, b, bytes(run_at(b, c - b)), c - b));
        CPPUNIT_ASSERT(s.on_spill(f, a, bytes(run_at(a, b - a)), b - a));
        CPPUNIT_ASSERT_EQUAL(size_t(3), s.chunks());
        CPPUNIT_ASSERT_EQUAL(end - a, s.bytes_spilled());
        CPPUNIT_ASSERT(dir_.entries().empty());  // unnamed: nothing to leave behind
        // Read back as deliver_spilled does: in stream order, in pieces that ignore the chunks.
        std::string got;
        for (uint64_t at = a; at < end; at += 50000) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(50000, end - at));
            got += read(s, f, at, n);
        }
        CPPUNIT_ASSERT(got == run_at(a, end - a));
        CPPUNIT_ASSERT_EQUAL(end - a, s.bytes_read_back());
        CPPUNIT_ASSERT_EQUAL(size_t(0), s.chunks());
    }

    void two_flows_keep_their_own_bytes() {
        ScratchSpill& s = spill_;
        FlowInfo &f = f_, &g = g_;
        CPPUNIT_ASSERT(s.on_spill(f, 5, bytes("fffff"), 5));
        CPPUNIT_ASSERT(s.on_spill(g, 5, bytes("ggggg"), 5));
        CPPUNIT_ASSERT(s.on_spill(f, 10, bytes("FF"), 2));
        CPPUNIT_ASSERT_EQUAL(std::string("ggggg"), read(s, g, 5, 5));
        CPPUNIT_ASSERT_EQUAL(std::string("fffffFF"), read(s, f, 5, 7));
    }

    void delivered_chunks_leave_the_index() {
        ScratchSpill& s = spill_;
        FlowInfo& f = f_;
        const std::string data = run_at(1, 2 * K);
        CPPUNIT_ASSERT(s.on_spill(f, 1, bytes(data), data.size()));
        CPPUNIT_ASSERT_EQUAL(size_t(3), s.chunks());  // [1, K), [K, 2K), [2K, 2K+1)
        CPPUNIT_ASSERT(read(s, f, 1, K - 1) == data.substr(0, K - 1));
        CPPUNIT_ASSERT_EQUAL(size_t(2), s.chunks());  // the first chunk is delivered
        CPPUNIT_ASSERT(read(s, f, K, 10) == data.substr(K - 1, 10));
        CPPUNIT_ASSERT_EQUAL(size_t(2), s.chunks());  // the second is not, yet
        CPPUNIT_ASSERT(read(s, f, K + 10, K - 9) == data.substr(K + 9));
        CPPUNIT_ASSERT_EQUAL(size_t(0), s.chunks());
        // The file was emptied: new bytes start at its beginning and read back right.
        CPPUNIT_ASSERT(s.on_spill(f, 7 * K, bytes("again"), 5));
        CPPUNIT_ASSERT_EQUAL(std::string("again"), read(s, f, 7 * K, 5));
    }

    void forget_drops_what_was_never_read() {
        ScratchSpill& s = spill_;
        FlowInfo &f = f_, &g = g_;
        CPPUNIT_ASSERT(s.on_spill(f, 100, bytes("xyz"), 3));
        CPPUNIT_ASSERT(s.on_spill(g, 100, bytes("uvw"), 3));
        s.forget(f);
        CPPUNIT_ASSERT_EQUAL(size_t(1), s.chunks());
        CPPUNIT_ASSERT_THROW(read(s, f, 100, 3), std::runtime_error);
        CPPUNIT_ASSERT_EQUAL(std::string("uvw"), read(s, g, 100, 3));
    }

    void bytes_never_kept_cannot_be_read() {
        ScratchSpill& s = spill_;
        FlowInfo& f = f_;
        CPPUNIT_ASSERT(s.on_spill(f, 0, bytes("abc"), 3));
        // The chunk exists but the piece asked for lies past its end: another chunk.
        CPPUNIT_ASSERT_THROW(read(s, f, K, 3), std::runtime_error);
    }

    void charge_counts_bytes_and_a_block_per_chunk() {
        ScratchSpill& s = spill_;
        FlowInfo &f = f_, &g = g_;
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.charge(f));
        CPPUNIT_ASSERT(s.on_spill(f, 10, bytes("abc"), 3));
        CPPUNIT_ASSERT(s.on_spill(f, 5 * K, bytes("d"), 1));  // one byte still takes a block
        CPPUNIT_ASSERT_EQUAL(4 + 2 * ScratchSpill::kBlock, s.charge(f));
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.charge(g));
        read(s, f, 10, 3);
        CPPUNIT_ASSERT_EQUAL(1 + ScratchSpill::kBlock, s.charge(f));
        s.forget(f);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.charge(f));
    }

    void a_failed_write_leaves_nothing_behind() {
        // A file size limit makes the write past it fail (EFBIG), as a full disk would.
        ScratchSpill& s = spill_;
        FlowInfo &f = f_, &g = g_;
        CPPUNIT_ASSERT(s.on_spill(f, 0, bytes("kept"), 4));  // chunk 0 at [0, K)
        rlimit old{};
        ::getrlimit(RLIMIT_FSIZE, &old);
        rlimit small = old;
        small.rlim_cur = 2 * K;  // room for one more chunk, not two
        void (*was)(int) = ::signal(SIGXFSZ, SIG_IGN);
        ::setrlimit(RLIMIT_FSIZE, &small);
        const std::string two_chunks = run_at(0, K + 10);
        const bool took = s.on_spill(g, 0, bytes(two_chunks), two_chunks.size());
        ::setrlimit(RLIMIT_FSIZE, &old);
        ::signal(SIGXFSZ, was);
        CPPUNIT_ASSERT(!took);  // the reassembler keeps all of it in memory
        CPPUNIT_ASSERT_EQUAL(size_t(1), s.chunks());  // g's first chunk, written, is undone
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.charge(g));
        CPPUNIT_ASSERT(!s.can_spill());
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), read(s, f, 0, 4));  // f's bytes are still there
        CPPUNIT_ASSERT_EQUAL(size_t(0), s.chunks());
    }

    void a_failed_write_into_a_flows_chunk_keeps_only_its_earlier_bytes() {
        ScratchSpill& s = spill_;
        FlowInfo& f = f_;
        const std::string early(100, 'x');
        CPPUNIT_ASSERT(s.on_spill(f, 100, bytes(early), early.size()));  // chunk 0 at [0, K)
        rlimit old{};
        ::getrlimit(RLIMIT_FSIZE, &old);
        rlimit small = old;
        small.rlim_cur = K;  // chunk 0's part of the next spill fits, chunk 1 does not
        void (*was)(int) = ::signal(SIGXFSZ, SIG_IGN);
        ::setrlimit(RLIMIT_FSIZE, &small);
        const std::string late = run_at(300, K);
        const bool took = s.on_spill(f, 300, bytes(late), late.size());
        ::setrlimit(RLIMIT_FSIZE, &old);
        ::signal(SIGXFSZ, was);
        CPPUNIT_ASSERT(!took);
        CPPUNIT_ASSERT_EQUAL(100 + ScratchSpill::kBlock, s.charge(f));  // the failed call's bytes are not charged
        CPPUNIT_ASSERT_EQUAL(early, read(s, f, 100, 100));
        CPPUNIT_ASSERT_EQUAL(size_t(0), s.chunks());  // nothing waits: the chunk goes, the file empties
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.charge(f));
    }

    void no_folder_means_no_spilling() {
        ScratchSpill s(-1, "nowhere");
        FlowInfo f;
        CPPUNIT_ASSERT(s.can_spill());
        CPPUNIT_ASSERT(!s.on_spill(f, 0, bytes("abc"), 3));
        CPPUNIT_ASSERT(!s.can_spill());  // not tried again
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), s.bytes_spilled());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ScratchSpillTest);
