#include "shard/shard_report.h"
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include "host/xml_text.h"

namespace tcpflow {

std::string shard_element(const ShardSpec& s, const std::string& outdir) {
    if (!s.active()) return "";
    return "<shard" + xml_attribute("index", std::to_string(s.index)) + xml_attribute("count", std::to_string(s.count)) +
           xml_attribute("outdir", outdir) + "/>";
}

namespace {

std::string xml_unescape(const std::string& t) {
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '&') {
            out += t[i];
            continue;
        }
        const size_t semi = t.find(';', i);
        if (semi == std::string::npos) {
            out += t[i];
            continue;
        }
        const std::string ent = t.substr(i + 1, semi - i - 1);
        if (ent == "amp") out += '&';
        else if (ent == "lt") out += '<';
        else if (ent == "gt") out += '>';
        else if (ent == "apos") out += '\'';
        else if (ent == "quot") out += '"';
        else if (!ent.empty() && ent[0] == '#') out += static_cast<char>(strtol(ent.c_str() + 1 + (ent[1] == 'x'), nullptr, ent[1] == 'x' ? 16 : 10));
        else out += "&" + ent + ";";
        i = semi;
    }
    return out;
}

/// The escaped value of attribute `name` in `line`, or false.
bool attribute(const std::string& line, const std::string& name, std::string& value) {
    const size_t at = line.find(" " + name + "='");
    if (at == std::string::npos) return false;
    const size_t start = at + name.size() + 3;
    const size_t end = line.find('\'', start);
    if (end == std::string::npos) return false;
    value = line.substr(start, end - start);
    return true;
}

/// "  <tag>text</tag>" -> text; false when the line is not that element.
bool element_text(const std::string& line, const std::string& tag, std::string& text) {
    const std::string open = "<" + tag + ">", close = "</" + tag + ">";
    const size_t a = line.find(open);
    const size_t b = line.rfind(close);
    if (a == std::string::npos || b == std::string::npos || b < a) return false;
    text = line.substr(a + open.size(), b - a - open.size());
    return true;
}

uint64_t number(const std::string& t, const std::string& where) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = strtoull(t.c_str(), &end, 10);
    if (t.empty() || errno || *end) throw ShardMergeError(where + ": '" + t + "' is not a count");
    return v;
}

bool starts(const std::string& s, const char* p) { return s.compare(0, strlen(p), p) == 0; }

/// One "<inner key='name'>N</inner>" line of a counts block.
void add_count(const std::string& line, const char* key, Counts& into, const std::string& where) {
    std::string name, text;
    const size_t gt = line.find('>');
    const size_t lt = line.find("</");
    if (!attribute(line, key, name) || gt == std::string::npos || lt == std::string::npos || lt < gt)
        throw ShardMergeError(where + ": unexpected line '" + line + "'");
    into.emplace_back(xml_unescape(name), number(line.substr(gt + 1, lt - gt - 1), where));
}

const char* const kTotals[] = {"open_fds_at_end", "max_open_flows", "total_flows", "flow_map_size", "total_packets"};

}  // namespace

ShardReport read_shard_report(const std::string& dir) {
    ShardReport r;
    r.dir = dir;
    r.report_path = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + "report.xml";
    const std::string& where = r.report_path;
    std::ifstream in(r.report_path);
    if (!in) throw ShardMergeError(where + ": cannot read: " + strerror(errno));
    enum { Header, Records, Trailer } part = Header;
    bool after_tdelta = false, has_shard = false;
    Counts* block = nullptr;
    const char* block_key = nullptr;
    bool in_faults = false, in_summary = false, in_rusage = false;
    std::string line, text;
    while (std::getline(in, line)) {
        if (part == Header) {
            if (starts(line, "    <shard ")) {
                std::string k, n, outdir;
                if (!attribute(line, "index", k) || !attribute(line, "count", n) || !attribute(line, "outdir", outdir))
                    throw ShardMergeError(where + ": malformed <shard> element");
                try {
                    r.shard = parse_shard_spec(k + "/" + n);
                } catch (const std::invalid_argument& e) {
                    throw ShardMergeError(where + ": " + e.what());
                }
                r.outdir = outdir;
                has_shard = true;
                continue;
            }
            if (element_text(line, "command_line", text)) r.command_line = xml_unescape(text);
            if (starts(line, "  <tdelta>")) after_tdelta = true;
            if (after_tdelta && line == "  <configuration>") part = Records;
            r.header.push_back(line);
            continue;
        }
        if (part == Records) {
            if (line == "    <fileobject>") ++r.records;
            else if (line == "  </configuration>") part = Trailer;
            continue;
        }
        // The totals after the records.
        if (in_summary || starts(line, "  <summary>")) {
            r.summary += (in_summary ? "\n" : "") + line.substr(in_summary ? 0 : strlen("  <summary>"));
            in_summary = true;
            const size_t end = r.summary.rfind("</summary>");
            if (end != std::string::npos && end + strlen("</summary>") == r.summary.size()) {
                r.summary.resize(end);
                in_summary = false;
            }
        } else if (line == "  <summary />") {
        } else if (block) {
            if (starts(line, "  </")) block = nullptr;
            else add_count(line, block_key, *block, where);
        } else if (in_faults) {
            r.problem_lines.push_back(line);
            if (line == "  </scanner_faults>") in_faults = false;
        } else if (in_rusage) {
            if (line == "  </rusage>") {
                in_rusage = false;
                continue;
            }
            const size_t a = line.find('<'), b = line.find('>');
            const std::string tag = (a == std::string::npos || b == std::string::npos) ? "" : line.substr(a + 1, b - a - 1);
            if (!element_text(line, tag, text)) throw ShardMergeError(where + ": unexpected line '" + line + "'");
            if (tag == "utime" || tag == "stime" || tag == "clocktime") r.rusage_time.emplace_back(tag, strtod(text.c_str(), nullptr));
            else r.rusage_int.emplace_back(tag, number(text, where));
        } else if (line == "  <packets_not_processed>") {
            block = &r.unprocessed, block_key = "reason";
        } else if (line == "  <cap_evictions>") {
            block = &r.evictions, block_key = "cap";
        } else if (line == "  <run_counters>") {
            block = &r.counters, block_key = "name";
        } else if (line == "  <capture_stats>") {
            block = &r.capture_stats, block_key = "name";
        } else if (line == "  <scanner_faults>") {
            in_faults = true;
            r.problem_lines.push_back(line);
        } else if (starts(line, "  <run_error>") || starts(line, "  <interrupted")) {
            r.interrupted = true;
            r.problem_lines.push_back(line);
        } else if (line == "  <rusage>") {
            in_rusage = true;
        } else if (line == "</dfxml>") {
            r.closed = true;
        } else {
            bool known = false;
            for (const char* t : kTotals)
                if (element_text(line, t, text)) {
                    r.totals.emplace_back(t, number(text, where));
                    known = true;
                }
            if (!known) r.other_lines.push_back(line);
        }
    }
    if (!has_shard) throw ShardMergeError(where + ": not the report of a --shard run (no <shard> element)");
    if (!r.closed)
        throw ShardMergeError(where + ": the report is cut short (the shard was killed before it ended): run the shard again");
    return r;
}

std::string rewrite_paths(const std::string& line, const ShardReport& r, const std::string& merged_outdir) {
    // Paths appear as element text (<filename>) or as attribute values (a scanner's
    // summary path='...'); both start right after '>' or a quote.
    const std::string to = merged_outdir == "." ? "" : xml_escape(merged_outdir) + "/";
    std::string out = line;
    for (const char lead : {'>', '\''}) {
        const std::string from = std::string(1, lead) + r.outdir + "/";
        const std::string repl = std::string(1, lead) + to;
        for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + repl.size()))
            out.replace(at, from.size(), repl);
    }
    return out;
}

void copy_shard_records(const ShardReport& r, const std::string& merged_outdir, FILE* out) {
    std::ifstream in(r.report_path);
    if (!in) throw std::runtime_error(r.report_path + ": cannot read: " + strerror(errno));
    bool after_tdelta = false, records = false;
    std::string line;
    while (std::getline(in, line)) {
        if (!records) {
            if (starts(line, "  <tdelta>")) after_tdelta = true;
            records = after_tdelta && line == "  <configuration>";
            continue;
        }
        if (line == "  </configuration>") return;
        const std::string text = rewrite_paths(line, r, merged_outdir);
        fwrite(text.data(), 1, text.size(), out);
        fputc('\n', out);
    }
    throw std::runtime_error(r.report_path + ": changed while merging");
}

}  // namespace tcpflow
