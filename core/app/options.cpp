#include "app/options.h"
#include "app/run_config.h"
#include <getopt.h>
#include <cerrno>
#include <cstdlib>

namespace tcpflow {

namespace {

// tcpflow 1.6.1's option letters plus -P (documented by 1.6.1, now implemented).
constexpr const char* kShortOptions = ":aA:Bb:cCd:DE:e:F:f:gHhIi:j:KlL:m:o:PpqR:r:S:sT:U:Vvw:x:X:z:Z0J";

enum LongOnly { kPluginDir = 1000, kConfig };

const struct option kLongOptions[] = {
    {"chroot", required_argument, nullptr, 'z'},
    {"help", no_argument, nullptr, 'h'},
    {"jobs", required_argument, nullptr, 'j'},
    {"relinquish-privileges", required_argument, nullptr, 'U'},
    {"verbose", no_argument, nullptr, 'v'},
    {"version", no_argument, nullptr, 'V'},
    {"plugin-dir", required_argument, nullptr, kPluginDir},
    {"config", required_argument, nullptr, kConfig},
    {nullptr, 0, nullptr, 0},
};

uint64_t parse_unsigned(const std::string& text, const char* what) {
    if (text.empty() || text[0] == '-' || text[0] == '+')
        throw UsageError(std::string("invalid value '") + text + "' for " + what + ": expected a number");
    errno = 0;
    char* end = nullptr;
    unsigned long long v = strtoull(text.c_str(), &end, 10);
    if (errno || *end)
        throw UsageError(std::string("invalid value '") + text + "' for " + what + ": expected a number");
    return v;
}

std::string join_argv(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) {
        if (i) out += ' ';
        out += argv[i];
    }
    return out;
}

void add_setting(Options& o, const std::string& arg) {
    size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UsageError("invalid -S '" + arg + "': expected name=value");
    o.settings.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
}

void add_format_letters(Options& o, const std::string& letters) {
    for (char c : letters) {
        if (std::string("ctTXMkmg").find(c) == std::string::npos)
            throw UsageError(std::string("invalid -F letter '") + c + "': valid letters are c t T X M k m g");
        if (c == 'X') o.output.store_output = false;
        if (c == 'M') o.md5_requested = true;
    }
    o.naming.push_back({false, letters});
}

}  // namespace

uint64_t parse_size(const std::string& text, const char* what) {
    std::string digits = text;
    uint64_t mult = 1;
    if (!digits.empty()) {
        switch (digits.back()) {
            case 'k': case 'K': mult = 1ull << 10; break;
            case 'm': case 'M': mult = 1ull << 20; break;
            case 'g': case 'G': mult = 1ull << 30; break;
            default: break;
        }
        if (mult != 1) digits.pop_back();
    }
    uint64_t v = parse_unsigned(digits, what);
    if (v > UINT64_MAX / mult) throw UsageError(std::string("value '") + text + "' for " + what + " is too large");
    return v * mult;
}

Options parse_command_line(int argc, char** argv) {
    Options o;
    o.command_line = join_argv(argc, argv);
    bool files_from_args = false;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, kShortOptions, kLongOptions, nullptr)) != -1) {
        std::string arg = optarg ? optarg : "";
        switch (c) {
            case 'a': o.scanner_commands.push_back({EnableCommand::Kind::EnableAll, "all"}); break;
            case 'A': throw UsageError("-A has been removed (tcpflow 1.6 deprecated it): use -a");
            case 'B': o.console.binary = true; break;
            case 'b': o.output.max_bytes = parse_size(arg, "-b"); break;
            case 'c': o.console.enabled = true; break;
            case 'C': o.console.enabled = true; o.console.header = false; break;
            case 'd': o.debug = static_cast<int>(parse_unsigned(arg, "-d")); break;
            case 'D': o.console.hex = true; break;
            case 'e':
                o.scanner_commands.push_back({arg == "all" ? EnableCommand::Kind::EnableAll : EnableCommand::Kind::Enable, arg});
                break;
            case 'E': o.scanner_commands.push_back({EnableCommand::Kind::EnableOnly, arg}); break;
            case 'x': o.scanner_commands.push_back({EnableCommand::Kind::Disable, arg}); break;
            case 'F': add_format_letters(o, arg); break;
            case 'f': {
                uint64_t n = parse_unsigned(arg, "-f");
                if (n < 1 || n > 1000000) throw UsageError("invalid value '" + arg + "' for -f: expected 1..1000000");
                o.output.max_fds = static_cast<uint32_t>(n);
                break;
            }
            case 'g': o.console.color = true; break;
            case 'H': o.scanner_details = true; break;
            case 'h': ++o.help; break;
            case 'I': o.output.write_index = true; break;
            case 'i': o.live = true; o.device = arg; break;
            case 'j': {
                // Only digits: strtoull would take "-1" as a huge number and " 2" as 2.
                const bool digits = !arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos;
                const unsigned long long n = digits && arg.size() <= 5 ? std::stoull(arg) : 0;
                if (n < 1 || n > kMaxJobs)
                    throw UsageError("invalid value '" + arg + "' for -j: expected a number of worker threads, 1.." +
                                     std::to_string(kMaxJobs));
                o.jobs = static_cast<unsigned>(n);
                break;
            }
            case 'K': o.per_flow_pcap = true; break;
            case 'l': files_from_args = true; break;
            case 'L': o.console.semaphore = arg; break;
            case 'm': o.max_seek = parse_size(arg, "-m"); break;
            case 'o': o.output.outdir = arg.empty() ? "." : arg; break;
            case 'P': o.no_purge = true; break;
            case 'p': o.promiscuous = false; break;
            case 'q': o.quiet = true; break;
            case 'R': o.inputs.push_back({arg, true}); break;
            case 'r': o.inputs.push_back({arg, false}); break;
            case 'S': add_setting(o, arg); break;
            case 's': o.console.strip = true; o.output.strip_nonprintable = true; break;
            case 'T': o.naming.push_back({true, arg}); break;
            case 'U': o.user = arg; break;
            case 'V': o.version = true; break;
            case 'v': o.debug = 10; break;
            case 'w': o.unprocessed_pcap = arg; break;
            case 'X': o.report_path = arg; break;
            case 'z': o.chroot_dir = arg; break;
            case 'Z': o.no_gzip = true; break;
            case '0': o.console.no_newline = true; break;
            case 'J': o.console.json = true; break;
            case kPluginDir: o.plugin_dirs.push_back(arg); break;
            case kConfig: o.config_file = arg; break;
            case ':':
                throw UsageError(std::string("option -") + static_cast<char>(optopt) + " requires an argument");
            default:
                if (optopt && optopt < 256) throw UsageError(std::string("unknown option -") + static_cast<char>(optopt));
                throw UsageError(std::string("unknown option ") + argv[optind - 1]);
        }
    }
    // getopt_long reports a missing argument as '?' when opterr is 0 and the string
    // does not start with ':'; the message above names the option either way.

    std::string expr;
    for (int i = optind; i < argc; ++i) {
        if (files_from_args) {
            o.inputs.push_back({argv[i], false});
        } else {
            if (!expr.empty()) expr += ' ';
            expr += argv[i];
        }
    }
    o.filter = expr;
    if (!o.chroot_dir.empty() && o.user.empty()) throw UsageError("-z option requires -U option");
    if (o.inputs.empty() && !files_from_args) o.live = true;
    return o;
}

}  // namespace tcpflow
