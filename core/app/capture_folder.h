// -r DIR / -R DIR: a folder of captures (a rotated tcpdump -C / -G set, pcap or pcapng,
// gzip or not) read as one continuous input, flows continuing from file to file. The
// files are ordered by the time of their first packet (ties and empty captures by name,
// empty ones last), not by name: tcpdump's -C numbering (file, file1, ..., file10) does
// not sort. Entries that are not captures are skipped with one line each on stderr, so a
// folder that also holds a README or a checksum list still reads; dot-files are ignored
// silently (editor and sync leftovers). A folder with no capture at all is an error.
#pragma once
#include <string>
#include <vector>
#include "app/options.h"

namespace tcpflow {

/// Replaces every input that is a folder by the captures in it, in reading order, with
/// the folder's -r/-R flag. Prints one "tcpflow: DIR/NAME: skipped: why" line per skipped
/// entry (unless `quiet`). Throws std::runtime_error (one line) when a folder cannot be
/// listed or holds no capture.
void expand_capture_folders(std::vector<InputSpec>& inputs, bool quiet);

}  // namespace tcpflow
