// A main() for fuzz targets built without libFuzzer: runs the target once over
// every file named on the command line (folders are walked), or over the
// target's seed corpus when there are no arguments. `make check` uses it to
// replay the corpus, so every crash input once added there stays fixed.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

static bool run_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", p.c_str());
        return false;
    }
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    return true;
}

static bool run_path(const fs::path& p, size_t& count) {
    if (!fs::is_directory(p)) {
        ++count;
        return run_file(p);
    }
    bool ok = true;
    for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) {
            ++count;
            ok = run_file(e.path()) && ok;
        }
    return ok;
}

int main(int argc, char** argv) {
    std::vector<std::string> paths(argv + 1, argv + argc);
#ifdef FUZZ_CORPUS_DIR
    if (paths.empty()) paths.push_back(FUZZ_CORPUS_DIR);
#endif
    size_t count = 0;
    bool ok = true;
    for (const auto& p : paths) ok = run_path(p, count) && ok;
    std::printf("%zu inputs replayed\n", count);
    return ok && count > 0 ? 0 : 1;
}
