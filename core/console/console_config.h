// Settings of the console printer (-c -C -0 -D -g -B -s -J -L -b -o), as plain
// data so the printer does not depend on the command-line parser.
#pragma once
#include <cstdint>
#include <string>

namespace tcpflow {

struct ConsoleConfig {
    bool header = true;       // -c prints "<flowname>: "; -C clears it
    bool no_newline = false;  // -0
    bool hex = false;         // -D
    bool color = false;       // -g
    bool binary = false;      // -B: raw bytes instead of '.' for non-printables
    bool strip = false;       // -s: force stripping (it is already the default; wins over -B)
    bool json = false;        // -J: one JSON object per chunk (wins over -D and every text option)
    std::string semaphore;    // -L: named POSIX semaphore held around each chunk ("" = none)
    uint64_t max_bytes = 0;   // -b: only stream offsets below this are printed (0 = no limit)
    std::string outdir = "."; // -o: the header carries it as a prefix, as 1.6.1 prints it
};

}  // namespace tcpflow
