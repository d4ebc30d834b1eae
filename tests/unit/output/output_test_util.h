// Helpers shared by the output tests: a scratch directory, flows with given
// addresses, whole-file reads and an XML well-formedness check by xmllint.
#pragma once
#include <csignal>
#include <sys/resource.h>
#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ftw.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include "flow/flow_info.h"

namespace tcpflow {
namespace test {

/// A fresh directory under /tmp, removed with its contents at scope exit.
class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/tcpflow-output-test-XXXXXX";
        const char* p = mkdtemp(tmpl);
        path_ = p ? p : "";
    }
    ~TempDir() {
        chmod(path_.c_str(), 0755);
        nftw(path_.c_str(), remove_one, 16, FTW_DEPTH | FTW_PHYS);
    }
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
    static int remove_one(const char* p, const struct stat*, int, struct FTW*) { return ::remove(p); }
    std::string path_;
};

/// A flow direction "src:sport -> dst:dport" (IPv4 or IPv6 text addresses).
inline FlowInfo make_flow(const char* src, uint16_t sport, const char* dst, uint16_t dport) {
    FlowInfo f;
    bool v6 = std::string(src).find(':') != std::string::npos;
    f.key.family = v6 ? 6 : 4;
    inet_pton(v6 ? AF_INET6 : AF_INET, src, f.key.src);
    inet_pton(v6 ? AF_INET6 : AF_INET, dst, f.key.dst);
    f.key.sport = sport;
    f.key.dport = dport;
    f.first_ts = {1363709111, 62053000};
    f.last_ts = {1363709111, 129592000};
    return f;
}

inline bool file_exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
}

inline std::string read_file(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const std::string& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
}

/// True if `path` is well-formed XML (xmllint, or Python when xmllint is missing).
inline bool xml_well_formed(const std::string& path) {
    std::string q = "'" + path + "'";
    int rc = std::system(("xmllint --noout " + q + " 2>/dev/null").c_str());
    if (WIFEXITED(rc) && WEXITSTATUS(rc) == 127)
        rc = std::system(("python3 -c 'import sys,xml.etree.ElementTree as E; E.parse(sys.argv[1])' " + q +
                          " 2>/dev/null").c_str());
    return WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
}

/// A disk that fills up: while alive, writes past `bytes` of any file fail with EFBIG
/// (RLIMIT_FSIZE, with SIGXFSZ ignored), as they would with ENOSPC on a full disk.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = old_;
        rl.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &rl);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    struct rlimit old_;
    void (*old_handler_)(int);
};

}  // namespace test
}  // namespace tcpflow
