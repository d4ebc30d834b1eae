// Helpers for the scanner host tests: where the fixture and plugin libraries
// are, scratch folders, a host that searches only where told, and flows.
#pragma once
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "flow/flow_info.h"
#include "host/scanner_host.h"

namespace tcpflow {
namespace test {

/// tests/unit/host/.libs/NAME.so (a fixture built by make check).
std::string fixture_so(const std::string& name);
/// plugins/NAME/.libs/scan_NAME.so (a real scanner of this tree).
std::string plugin_so(const std::string& name);

/// A fresh folder under $TMPDIR, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    /// Copies `src` in as `name`; returns the new path.
    std::string copy_in(const std::string& src, const std::string& name) const;
    void write(const std::string& name, const std::string& content) const;

private:
    std::string path_;
};

/// A host that looks only in the folders it is given, reporting into `err`.
HostConfig isolated_config(std::ostream& err);

/// A started host over a private plugin folder, for fixtures to inherit: the
/// folder holds `libraries` ({library path, file name}), `enable` and `params`
/// are applied as -e and -S would, and output goes to `out` unless `settings`
/// names another folder.
struct HostRig {
    std::unique_ptr<TempDir> plugins, out;
    std::ostringstream err;
    std::unique_ptr<ScannerHost> host;
    bool (*stop_requested)() = nullptr;  // HostConfig::stop_requested of the next start_host

    void start_host(const std::vector<std::pair<std::string, std::string>>& libraries,
                    const std::vector<std::string>& enable, const std::vector<NameValue>& params,
                    RunSettings settings = RunSettings());
};

/// A flow direction 10.0.0.1:80 -> 192.168.1.2:40000 whose file is `path`.
FlowInfo make_flow(uint64_t id, const std::string& path);

std::string read_file(const std::string& path);
bool file_exists(const std::string& path);
/// Occurrences of `needle` in `hay`.
size_t count_of(const std::string& hay, const std::string& needle);

}  // namespace test
}  // namespace tcpflow
