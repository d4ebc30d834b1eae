// The command line, parsed into plain data. Parsing validates syntax and value
// ranges only; meaning is given by the recorder and the scanner host.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include "host/enable_command.h"
#include "output/output_config.h"

namespace tcpflow {

/// A command-line mistake: main prints "tcpflow: <what>", the usage, and exits 2.
struct UsageError : std::runtime_error { using std::runtime_error::runtime_error; };

struct InputSpec {
    std::string path;     // "-" = stdin
    bool finish_only;     // -R: only continue flows opened by earlier input
};


/// -T and -F edit the file-name template in command-line order.
struct NamingEdit {
    bool is_template;     // -T (else -F letters)
    std::string value;
};

struct ConsoleOptions {
    bool enabled = false;    // -c or -C
    bool header = true;      // -C clears it
    bool no_newline = false; // -0
    bool hex = false;        // -D
    bool color = false;      // -g
    bool binary = false;     // -B
    bool strip = false;      // -s
    bool json = false;       // -J
    std::string semaphore;   // -L
};

struct Options {
    std::string command_line;                  // argv joined, for the report
    std::vector<InputSpec> inputs;             // -r / -R / -l files, in order
    bool live = false;                         // -i given, or no input at all
    std::string device;                        // -i
    bool promiscuous = true;                   // -p clears it
    std::string filter;                        // BPF expression from the remaining arguments
    OutputConfig output;
    std::string report_path;                   // -X (empty: <outdir>/report.xml)
    std::vector<NamingEdit> naming;
    bool md5_requested = false;                // -FM
    uint64_t max_seek = 16ull << 20;           // -m
    int debug = 1;                             // -d / -v
    bool quiet = false;                        // -q
    bool version = false;                      // -V
    int help = 0;                              // -h count
    bool scanner_details = false;              // -H
    std::vector<std::pair<std::string, std::string>> settings;  // -S name=value, in order
    std::vector<EnableCommand> scanner_commands;  // -e/-E/-x/-a in order: order matters
    std::string unprocessed_pcap;              // -w
    ConsoleOptions console;
    bool no_purge = false;                     // -P
    bool no_gzip = false;                      // -Z
    bool per_flow_pcap = false;                // -K
    std::string user;                          // -U
    std::string chroot_dir;                    // -z
    std::vector<std::string> plugin_dirs;      // --plugin-dir
    std::string config_file;                   // --config
    unsigned jobs = 0;                         // -j / --jobs (0: not given: -S jobs, else the online cores)
};

/// Parse argv. Throws UsageError for unknown options and malformed values.
Options parse_command_line(int argc, char** argv);

/// Parse a byte count such as "100", "16M" or "1G" (used by -b, -m and size settings).
uint64_t parse_size(const std::string& text, const char* what);

}  // namespace tcpflow
