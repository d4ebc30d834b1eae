#!/usr/bin/env python3
"""compare-outputs.py -- do two tcpflow runs (e.g. -j 1 and -j 7) have the same output?

  compare-outputs.py tree DIR_A DIR_B
      Same file names under both output folders, same bytes in every file,
      and the same report.xml records (see normalised_report). The pictures
      netviz draws (report.pdf/.png/.svg) must both exist; their bytes hold the
      time they were drawn, so they are not compared (their numbers are: the
      tests compare netviz's histogram dump, which is made from the same data).
  compare-outputs.py console OUT_A DIR_A OUT_B DIR_B
      The same -c console output per flow: OUT_x is what a run printed with
      -o DIR_x; it is cut into chunks at each "DIR_x/<flow>: " prefix, and each
      flow's chunks must be the same, in the same order. How the flows'
      chunks interleave may differ (workers print as they go).

Exit 0 when equal; 1 with one line per difference (at most 20) otherwise;
2 on bad usage. Python 3 standard library only.

Report normalisation (what may differ between two runs of the same input):
  - the output folder in any path (replaced by OUT);
  - creator/execution_environment (command line, start time, host, ...) and
    <rusage> (CPU time, memory);
  - VARYING_SUMMARY and VARYING_COUNTERS below: summary counters documented
    (doc/sdk.md, "Threads and workers") as depending on -j;
  - the order of the <fileobject> records and of the summary's scanner
    records (<exec>, ...): compared as sorted multisets;
  - in <configuration>, entries that name the number of workers (jobs).
Everything else, every <fileobject> with all its children and attributes
and every run counter, must be equal.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

VARYING_SUMMARY = {
    "rusage",           # CPU time, memory, page faults
    "max_open_flows",   # the peak of open flows: workers close theirs at different moments
    "open_fds_at_end",
}
# Run counters that say how the memory caps were met, not what was recorded:
# with -j N each worker has 1/N of the buffered-bytes cap, so out-of-order
# data may spill to disk (and be read back) where -j 1 kept it in memory. The
# files are the same either way; the cap_evictions counters, which change the
# output, are compared.
VARYING_COUNTERS = {"out_of_order_spills", "bytes_spilled", "bytes_read_back"}
PICTURES = {"report.pdf", "report.png", "report.svg"}
JOBS_WORDS = re.compile(r"(^|[^a-z])(jobs|j)([^a-z]|$)")
MAX_LINES = 20


def local(tag):
    return tag.rsplit("}", 1)[-1]


def canon(elem, outdir):
    """A canonical, hashable text of an element and everything under it."""
    def fix(s):
        return (s or "").replace(outdir, "OUT").strip()
    attrs = " ".join("%s=%r" % (k, fix(v)) for k, v in sorted(elem.attrib.items()))
    inner = "".join(canon(c, outdir) for c in elem)
    return "<%s %s>%s%s</>" % (local(elem.tag), attrs, fix(elem.text), inner)


def names_jobs(elem):
    words = [elem.tag] + list(elem.attrib.values()) + [elem.text or ""]
    return any(JOBS_WORDS.search(w.lower()) for w in words if len(w) <= 40)


def normalised_report(path, outdir):
    """{section: sorted list or text} for report.xml written with -o outdir."""
    root = ET.parse(path).getroot()
    out = {"fileobjects": [], "summary": [], "other": [], "configuration": []}
    for child in root:
        tag = local(child.tag)
        if tag == "creator":
            kept = [c for c in child if local(c.tag) != "execution_environment"]
            out["other"].append("".join(canon(c, outdir) for c in kept))
        elif tag == "configuration":
            for c in child:
                if local(c.tag) == "fileobject":
                    out["fileobjects"].append(canon(c, outdir))
                elif not names_jobs(c):
                    out["configuration"].append(canon(c, outdir))
        elif tag == "fileobject":
            out["fileobjects"].append(canon(child, outdir))
        elif tag == "summary":
            out["summary"].extend(canon(c, outdir) for c in child)
        elif tag in VARYING_SUMMARY:
            continue
        elif tag == "run_counters":
            kept = [c for c in child if c.get("name") not in VARYING_COUNTERS]
            out["other"].append("".join(canon(c, outdir) for c in kept))
        else:
            out["other"].append(canon(child, outdir))
    for key in ("fileobjects", "summary", "configuration"):
        out[key].sort()
    return out


def files_under(top):
    found = {}
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            full = os.path.join(dirpath, name)
            found[os.path.relpath(full, top)] = full
    return found


def diff_lists(label, a, b, problems):
    sa, sb = list(a), list(b)
    if sa == sb:
        return
    only_a = [x for x in sa if x not in sb]
    only_b = [x for x in sb if x not in sa]
    problems.append("%s differ (%d vs %d entries)" % (label, len(sa), len(sb)))
    for x in only_a[:3]:
        problems.append("  only in A: %s" % x[:300])
    for x in only_b[:3]:
        problems.append("  only in B: %s" % x[:300])


def compare_tree(dir_a, dir_b):
    problems = []
    fa, fb = files_under(dir_a), files_under(dir_b)
    for name in sorted(set(fa) ^ set(fb)):
        problems.append("%s exists only in %s" % (name, "A" if name in fa else "B"))
    for name in sorted(set(fa) & set(fb)):
        if name == "report.xml":
            ra = normalised_report(fa[name], dir_a.rstrip("/"))
            rb = normalised_report(fb[name], dir_b.rstrip("/"))
            for key in ra:
                diff_lists("report.xml %s" % key, ra[key], rb[key], problems)
        elif os.path.basename(name) in PICTURES and os.path.dirname(name) == "":
            continue
        else:
            with open(fa[name], "rb") as x, open(fb[name], "rb") as y:
                if x.read() != y.read():
                    problems.append("%s: the bytes differ" % name)
    return problems


def chunks_by_flow(data, outdir):
    """{flow name: [chunk bytes, ...]} of -c output printed with -o outdir."""
    prefix = re.compile(rb"(?:^|(?<=\n))" + re.escape(outdir.rstrip("/").encode()) + rb"/([^/\n]+?): ")
    flows = {}
    marks = list(prefix.finditer(data))
    head = data[: marks[0].start()] if marks else data
    if head:
        flows.setdefault(b"(before any flow)", []).append(head)
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(data)
        flows.setdefault(m.group(1), []).append(data[m.end():end])
    return flows


def compare_console(out_a, dir_a, out_b, dir_b):
    with open(out_a, "rb") as x, open(out_b, "rb") as y:
        ca, cb = chunks_by_flow(x.read(), dir_a), chunks_by_flow(y.read(), dir_b)
    problems = []
    for flow in sorted(set(ca) | set(cb)):
        a, b = ca.get(flow, []), cb.get(flow, [])
        if a != b:
            problems.append("console output of %s differs (%d vs %d chunks, %d vs %d bytes)"
                            % (flow.decode(errors="replace"), len(a), len(b), sum(map(len, a)), sum(map(len, b))))
    return problems


def main(argv):
    if len(argv) == 4 and argv[1] == "tree":
        problems = compare_tree(argv[2], argv[3])
    elif len(argv) == 6 and argv[1] == "console":
        problems = compare_console(*argv[2:6])
    else:
        sys.stderr.write(__doc__.split("\n\n")[0] + "\n")
        return 2
    for line in problems[:MAX_LINES]:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
