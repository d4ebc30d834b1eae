#include "host_test_support.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace tcpflow {
namespace test {

namespace fs = std::filesystem;

std::string fixture_so(const std::string& name) { return std::string(HOST_FIXTURE_DIR) + "/" + name + ".so"; }

std::string plugin_so(const std::string& name) {
    return std::string(HOST_PLUGIN_BUILD_DIR) + "/" + name + "/.libs/scan_" + name + ".so";
}

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/tcpflow-host-test.XXXXXX";
    if (!mkdtemp(&tmpl[0])) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string TempDir::copy_in(const std::string& src, const std::string& name) const {
    fs::copy_file(src, file(name), fs::copy_options::overwrite_existing);
    return file(name);
}

void TempDir::write(const std::string& name, const std::string& content) const {
    std::ofstream(file(name), std::ios::binary) << content;
}

HostConfig isolated_config(std::ostream& err) {
    HostConfig cfg;
    cfg.use_environment = false;
    cfg.use_default_dirs = false;
    cfg.err = &err;
    cfg.core_params = {{"tdelta", "0", "Time delta in seconds"}, {"enable_report", "YES", "Enable report.xml"}};
    return cfg;
}

void HostRig::start_host(const std::vector<std::pair<std::string, std::string>>& libraries,
                         const std::vector<std::string>& enable, const std::vector<NameValue>& params,
                         RunSettings settings) {
    plugins = std::make_unique<TempDir>();
    out = std::make_unique<TempDir>();
    for (const auto& [library, name] : libraries) plugins->copy_in(library, name);
    HostConfig hc = isolated_config(err);
    hc.stop_requested = stop_requested;
    host = std::make_unique<ScannerHost>(hc);
    host->add_plugin_dir(plugins->path());
    host->load();
    std::vector<EnableCommand> cmds;
    for (const auto& n : enable) cmds.push_back(EnableCommand::from_flag('e', n));
    host->configure(cmds, params);
    if (settings.output_dir == ".") settings.output_dir = out->path();
    host->start(settings);
}

FlowInfo make_flow(uint64_t id, const std::string& path) {
    FlowInfo fi;
    fi.key.family = 4;
    const uint8_t src[4] = {10, 0, 0, 1}, dst[4] = {192, 168, 1, 2};
    std::copy(src, src + 4, fi.key.src);
    std::copy(dst, dst + 4, fi.key.dst);
    fi.key.sport = 80;
    fi.key.dport = 40000;
    fi.flow_id = id;
    fi.session_id = id / 2;
    fi.first_ts = Timestamp{1500000000, 9999000};
    fi.last_ts = fi.first_ts;
    fi.path = path;
    return fi;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool file_exists(const std::string& path) { return fs::exists(path); }

size_t count_of(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
    return n;
}

}  // namespace test
}  // namespace tcpflow
