// OutputDir: the one door to -o. Links planted at any name (a file, a
// subfolder, dangling or not) are never followed: their targets keep their
// bytes or stay absent.
#include <filesystem>
#include <cppunit/extensions/HelperMacros.h>
#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include "output/output_dir.h"
#include "output_test_util.h"

using namespace tcpflow;
using tcpflow::test::TempDir;
using tcpflow::test::file_exists;
using tcpflow::test::read_file;
using tcpflow::test::write_file;

namespace {

void write_fd(int fd, const std::string& s) {
    CPPUNIT_ASSERT(fd >= 0);
    CPPUNIT_ASSERT_EQUAL(static_cast<ssize_t>(s.size()), ::write(fd, s.data(), s.size()));
    ::close(fd);
}

bool is_link(const std::string& p) {
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

class OutputDirTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OutputDirTest);
    CPPUNIT_TEST(creates_files_and_subfolders_beneath_it);
    CPPUNIT_TEST(paths_users_see_and_back);
    CPPUNIT_TEST(create_never_takes_a_planted_link);
    CPPUNIT_TEST(create_refuses_a_symlinked_subfolder);
    CPPUNIT_TEST(replace_replaces_the_link_not_its_target);
    CPPUNIT_TEST(replace_of_a_dangling_link_creates_no_target);
    CPPUNIT_TEST(replace_of_a_regular_file_or_a_new_name_leaves_one_file);
    CPPUNIT_TEST(reopen_refuses_a_link_swapped_in);
    CPPUNIT_TEST(remove_takes_the_name_only);
    CPPUNIT_TEST(names_cannot_leave_the_folder);
    CPPUNIT_TEST(descriptor_survives_the_folder_moving);
    CPPUNIT_TEST(named_file_refuses_a_link_in_a_shared_folder);
    CPPUNIT_TEST(named_file_follows_a_link_in_a_private_folder);
    CPPUNIT_TEST(named_file_replaces_a_regular_file);
    CPPUNIT_TEST_SUITE_END();

public:
    void creates_files_and_subfolders_beneath_it() {
        TempDir d;
        OutputDir o(d / "out/deep");
        write_fd(o.create("a/b/f"), "x");
        CPPUNIT_ASSERT_EQUAL(std::string("x"), read_file(d / "out/deep/a/b/f"));
        CPPUNIT_ASSERT_EQUAL(-1, o.create("a/b/f"));
        CPPUNIT_ASSERT_EQUAL(EEXIST, errno);
    }
    void paths_users_see_and_back() {
        TempDir d;
        OutputDir o(d.path());
        CPPUNIT_ASSERT_EQUAL(d / "a/b", o.path_of("a/b"));
        CPPUNIT_ASSERT_EQUAL(std::string("a/b"), o.relative(d / "a/b"));
        OutputDir slash(d.path() + "/");
        CPPUNIT_ASSERT_EQUAL(d / "n", slash.path_of("n"));
        CPPUNIT_ASSERT_EQUAL(std::string("n"), slash.relative(d / "n"));
    }
    void create_never_takes_a_planted_link() {
        TempDir d;
        write_file(d / "target", "secret");
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "target").c_str(), (d / "out/f").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "absent").c_str(), (d / "out/g").c_str()));
        CPPUNIT_ASSERT_EQUAL(-1, o.create("f"));
        CPPUNIT_ASSERT_EQUAL(EEXIST, errno);
        CPPUNIT_ASSERT_EQUAL(-1, o.create("g"));
        CPPUNIT_ASSERT_EQUAL(EEXIST, errno);
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), read_file(d / "target"));
        CPPUNIT_ASSERT(!file_exists(d / "absent"));
    }
    void create_refuses_a_symlinked_subfolder() {
        TempDir d;
        ::mkdir((d / "elsewhere").c_str(), 0755);
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "elsewhere").c_str(), (d / "out/sub").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "nowhere").c_str(), (d / "out/dang").c_str()));
        CPPUNIT_ASSERT_EQUAL(-1, o.create("sub/f"));
        CPPUNIT_ASSERT_EQUAL(ELOOP, errno);
        CPPUNIT_ASSERT_EQUAL(-1, o.replace("sub/x/f"));
        CPPUNIT_ASSERT_EQUAL(ELOOP, errno);
        CPPUNIT_ASSERT_EQUAL(-1, o.create("dang/f"));
        CPPUNIT_ASSERT_EQUAL(ELOOP, errno);
        CPPUNIT_ASSERT(!file_exists(d / "elsewhere/f"));
        CPPUNIT_ASSERT(!file_exists(d / "elsewhere/x"));
        CPPUNIT_ASSERT(!file_exists(d / "nowhere"));
    }
    void replace_replaces_the_link_not_its_target() {
        TempDir d;
        write_file(d / "target", "secret");
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "target").c_str(), (d / "out/report.xml").c_str()));
        int fd = o.replace("report.xml");
        // Renamed at once: the growing file already has its final name.
        CPPUNIT_ASSERT(!is_link(d / "out/report.xml"));
        write_fd(fd, "<dfxml/>");
        CPPUNIT_ASSERT_EQUAL(std::string("<dfxml/>"), read_file(d / "out/report.xml"));
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), read_file(d / "target"));
    }
    void replace_of_a_dangling_link_creates_no_target() {
        TempDir d;
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "absent").c_str(), (d / "out/r").c_str()));
        write_fd(o.replace("r"), "new");
        CPPUNIT_ASSERT_EQUAL(std::string("new"), read_file(d / "out/r"));
        CPPUNIT_ASSERT(!file_exists(d / "absent"));
    }
    // A free name is created in place, a taken one through a temporary: either way the
    // folder ends with the one file and its new content, no temporary left behind.
    void replace_of_a_regular_file_or_a_new_name_leaves_one_file() {
        TempDir d;
        OutputDir o(d / "out");
        write_fd(o.replace("fresh"), "first");
        write_file(d / "out/old", "stale contents");
        write_fd(o.replace("old"), "new");
        CPPUNIT_ASSERT_EQUAL(std::string("first"), read_file(d / "out/fresh"));
        CPPUNIT_ASSERT_EQUAL(std::string("new"), read_file(d / "out/old"));
        size_t entries = 0;
        for (const auto& e : std::filesystem::directory_iterator(d / "out")) {
            (void)e;
            ++entries;
        }
        CPPUNIT_ASSERT_EQUAL(size_t(2), entries);
    }
    void reopen_refuses_a_link_swapped_in() {
        TempDir d;
        write_file(d / "target", "secret");
        OutputDir o(d / "out");
        write_fd(o.create("f"), "mine");
        int fd = o.reopen("f", O_WRONLY | O_APPEND);
        write_fd(fd, "+");
        CPPUNIT_ASSERT_EQUAL(std::string("mine+"), read_file(d / "out/f"));
        ::unlink((d / "out/f").c_str());
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "target").c_str(), (d / "out/f").c_str()));
        CPPUNIT_ASSERT_EQUAL(-1, o.reopen("f", O_WRONLY | O_APPEND));
        CPPUNIT_ASSERT_EQUAL(ELOOP, errno);
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), read_file(d / "target"));
    }
    void remove_takes_the_name_only() {
        TempDir d;
        write_file(d / "target", "secret");
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "target").c_str(), (d / "out/f").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, o.remove("f"));
        CPPUNIT_ASSERT(!is_link(d / "out/f"));
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), read_file(d / "target"));
    }
    void names_cannot_leave_the_folder() {
        TempDir d;
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(-1, o.create("../escaped"));
        CPPUNIT_ASSERT_EQUAL(EINVAL, errno);
        CPPUNIT_ASSERT_EQUAL(-1, o.replace("a/../../escaped"));
        CPPUNIT_ASSERT_EQUAL(EINVAL, errno);
        CPPUNIT_ASSERT_EQUAL(-1, o.create("a/"));
        CPPUNIT_ASSERT_EQUAL(EINVAL, errno);
        CPPUNIT_ASSERT(!file_exists(d / "escaped"));
        write_fd(o.create("./x//y"), "ok");  // as the shell reads it
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), read_file(d / "out/x/y"));
    }
    void descriptor_survives_the_folder_moving() {
        // What makes -z (chroot) work: the folder is reached by its descriptor, not its name.
        TempDir d;
        OutputDir o(d / "out");
        CPPUNIT_ASSERT_EQUAL(0, ::rename((d / "out").c_str(), (d / "moved").c_str()));
        write_fd(o.create("f"), "x");
        CPPUNIT_ASSERT_EQUAL(std::string("x"), read_file(d / "moved/f"));
        CPPUNIT_ASSERT(!file_exists(d / "out"));
    }
    void named_file_refuses_a_link_in_a_shared_folder() {
        TempDir d;
        write_file(d / "target", "secret");
        ::mkdir((d / "shared").c_str(), 0777);
        ::chmod((d / "shared").c_str(), 0777);  // writable by all, no sticky bit: anyone's link
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "target").c_str(), (d / "shared/r.xml").c_str()));
        try {
            create_named_output_file(d / "shared/r.xml", "-X");
            CPPUNIT_FAIL("no error");
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            CPPUNIT_ASSERT(what.find("-X " + d / "shared/r.xml") == 0);
            CPPUNIT_ASSERT(what.find("symbolic link") != std::string::npos);
            CPPUNIT_ASSERT(what.find('\n') == std::string::npos);
        }
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), read_file(d / "target"));
        CPPUNIT_ASSERT(is_link(d / "shared/r.xml"));
    }
    void named_file_follows_a_link_in_a_private_folder() {
        TempDir d;  // mode 0700: only its owner could have made the link
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((d / "real.xml").c_str(), (d / "r.xml").c_str()));
        write_fd(create_named_output_file(d / "r.xml", "-X"), "report");
        CPPUNIT_ASSERT_EQUAL(std::string("report"), read_file(d / "real.xml"));
        CPPUNIT_ASSERT(is_link(d / "r.xml"));
    }
    void named_file_replaces_a_regular_file() {
        TempDir d;
        write_file(d / "target", "secret");
        CPPUNIT_ASSERT_EQUAL(0, ::link((d / "target").c_str(), (d / "w.pcap").c_str()));
        write_fd(create_named_output_file(d / "sub/w.pcap", "-w"), "made");
        write_fd(create_named_output_file(d / "w.pcap", "-w"), "pcap");
        CPPUNIT_ASSERT_EQUAL(std::string("pcap"), read_file(d / "w.pcap"));
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), read_file(d / "target"));  // a hard link is not written through
        CPPUNIT_ASSERT_EQUAL(std::string("made"), read_file(d / "sub/w.pcap"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OutputDirTest);
