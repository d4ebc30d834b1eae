#include "app/capture_folder.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <stdexcept>
#include <sys/stat.h>
#include "capture/packet_source.h"
#include "util/timestamp.h"

namespace tcpflow {

namespace {

struct Candidate {
    std::string path;
    bool has_packet = false;
    Timestamp first;
};

bool is_folder(const std::string& path) {
    struct stat st;
    return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> entry_names(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) throw std::runtime_error(dir + ": cannot read the folder: " + std::strerror(errno));
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d))
        if (e->d_name[0] != '.') names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

/// Opens the file as a capture and reads up to its first packet; false (with `why`) when it is not one.
bool probe(Candidate& c, std::string& why) {
    struct stat st;
    if (::stat(c.path.c_str(), &st) != 0) {
        why = std::strerror(errno);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        why = "not a regular file";
        return false;
    }
    try {
        std::unique_ptr<PacketSource> src = open_capture_file(c.path);
        RawPacket pkt;
        for (;;) {
            ReadStatus s = src->read(pkt);
            if (s == ReadStatus::End) break;
            if (s == ReadStatus::Packet) {
                c.has_packet = true;
                c.first = pkt.ts;
                break;
            }
        }
    } catch (const CaptureError& e) {
        // The reader's message starts with the path; the line adds it once.
        why = e.what();
        if (why.compare(0, c.path.size() + 2, c.path + ": ") == 0) why.erase(0, c.path.size() + 2);
        return false;
    }
    return true;
}

std::vector<InputSpec> folder_inputs(const InputSpec& folder, bool quiet) {
    std::string base = folder.path;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    std::vector<Candidate> found;
    for (const std::string& name : entry_names(base)) {
        Candidate c;
        c.path = base == "/" ? "/" + name : base + "/" + name;
        std::string why;
        if (probe(c, why)) found.push_back(std::move(c));
        else if (!quiet) fprintf(stderr, "tcpflow: %s: skipped: %s\n", c.path.c_str(), why.c_str());
    }
    if (found.empty()) throw std::runtime_error(folder.path + ": no pcap or pcapng capture in this folder");
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        if (a.has_packet != b.has_packet) return a.has_packet;
        return a.has_packet && a.first < b.first;
    });
    std::vector<InputSpec> out;
    for (const Candidate& c : found) out.push_back({c.path, folder.finish_only});
    return out;
}

}  // namespace

void expand_capture_folders(std::vector<InputSpec>& inputs, bool quiet) {
    std::vector<InputSpec> out;
    for (const InputSpec& in : inputs) {
        if (!is_folder(in.path)) {
            out.push_back(in);
            continue;
        }
        for (InputSpec& f : folder_inputs(in, quiet)) out.push_back(std::move(f));
    }
    inputs = std::move(out);
}

}  // namespace tcpflow
