#!/usr/bin/env python3
"""Compare a merged shard folder with a single run's folder.

usage: compare_runs.py SINGLE_DIR MERGED_DIR [SHARD_DIR...]
       compare_runs.py SINGLE_DIR --union DIR...

Equal means: the same file names (report.xml aside), the same bytes in each,
(a PDF: the same text, its date aside), and the same report records once paths are made relative to their folder
(records are compared as a multiset: shards close flows in their own order),
and the same totals that one run and merged shards both count exactly
(max_open_flows, open_fds_at_end and per-process caps such as open_files are
per-process by nature and left out). With SHARD_DIRs (merged with --link),
also checks that no file name is in two shards. With --union, the DIRs
are plain runs over --shard-split files: their files and records together
must equal the single run's, each file in one DIR only (the single run's -w file unprocessed.pcap
and the totals not compared:
each DIR counted its own file). Prints the first differences
and exits 1; exits 0 when equal.
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = ''
PER_PROCESS = {'max_open_flows', 'open_fds_at_end'}
PER_PROCESS_CAPS = {'open_files', 'open_pcaps'}


def files_of(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            rel = os.path.relpath(os.path.join(d, n), root)
            if rel in ('report.xml', '.tcpflow.lock'):
                continue
            out[rel] = os.path.join(d, n)
    return out


def content(path):
    """A file's bytes; a PDF's text (pdftotext), less the line dating its making, since
    cairo stamps every PDF with the time it was written."""
    if path.endswith('.pdf'):
        text = subprocess.run(['pdftotext', '-layout', path, '-'], check=True, capture_output=True).stdout
        return b'\n'.join(l for l in text.split(b'\n') if not l.strip().startswith(b'Generated:'))
    with open(path, 'rb') as f:
        return f.read()


def strip_ns(tree):
    for e in tree.iter():
        if '}' in e.tag:
            e.tag = e.tag.split('}', 1)[1]


def relativise(text, root):
    if text is None:
        return text
    for prefix in (root.rstrip('/') + '/', os.path.abspath(root) + '/'):
        text = text.replace(prefix, '<OUT>/')
    return text


def canon(elem, root):
    attrs = ' '.join('%s=%s' % (k, relativise(v, root)) for k, v in sorted(elem.attrib.items()))
    inner = ''.join(canon(c, root) for c in elem)
    return '<%s %s>%s%s</%s>' % (elem.tag, attrs, relativise((elem.text or '').strip(), root), inner, elem.tag)


def report_of(root):
    tree = ET.parse(os.path.join(root, 'report.xml')).getroot()
    strip_ns(tree)
    records = []
    confs = tree.findall('configuration')
    for fo in confs[-1].findall('fileobject'):
        records.append(canon(fo, root))
    totals = {}
    for child in tree:
        if child.tag in ('open_fds_at_end', 'max_open_flows', 'total_flows', 'flow_map_size', 'total_packets'):
            if child.tag not in PER_PROCESS:
                totals[child.tag] = child.text
        elif child.tag in ('packets_not_processed', 'cap_evictions', 'run_counters'):
            for c in child:
                name = list(c.attrib.values())[0]
                if child.tag == 'cap_evictions' and name in PER_PROCESS_CAPS:
                    continue
                totals['%s/%s' % (child.tag, name)] = c.text
        elif child.tag == 'summary':
            totals['summary'] = sorted(canon(c, root) for c in child)
    return sorted(records), totals


def compare_union(single, dirs):
    problems = []
    a = files_of(single)
    a.pop('unprocessed.pcap', None)  # -w: plain runs on split files write none
    b = {}
    records = []
    for d in dirs:
        for n, path in files_of(d).items():
            if n in b:
                problems.append('file %s in two runs: %s and %s' % (n, b[n], path))
            b[n] = path
        records += report_of(d)[0]
    for n in sorted(set(a) ^ set(b)):
        problems.append('file %s only in %s' % (n, 'the single run' if n in a else b[n]))
    for n in sorted(set(a) & set(b)):
        if content(a[n]) != content(b[n]):
            problems.append('file %s differs' % n)
    if sorted(records) != report_of(single)[0]:
        problems.append('records differ: %d in the single run, %d in the split runs' % (len(report_of(single)[0]), len(records)))
    for p in problems[:20]:
        print(p)
    return 1 if problems else 0


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    single, merged, shards = sys.argv[1], sys.argv[2], sys.argv[3:]
    problems = []
    if merged == '--union':
        return compare_union(single, shards)
    a, b = files_of(single), files_of(merged)
    for n in sorted(set(a) ^ set(b)):
        problems.append('file %s only in %s' % (n, single if n in a else merged))
    for n in sorted(set(a) & set(b)):
        if content(a[n]) != content(b[n]):
            problems.append('file %s differs' % n)
    ra, ta = report_of(single)
    rb, tb = report_of(merged)
    if ra != rb:
        sa, sb = set(ra), set(rb)
        for r in sorted(sa - sb)[:3]:
            problems.append('record only in single run: %s' % r[:300])
        for r in sorted(sb - sa)[:3]:
            problems.append('record only in merged run: %s' % r[:300])
        if len(ra) != len(rb):
            problems.append('records: %d in single run, %d merged' % (len(ra), len(rb)))
    for k in sorted(set(ta) | set(tb)):
        if ta.get(k) != tb.get(k):
            problems.append('total %s: %s single, %s merged' % (k, ta.get(k), tb.get(k)))
    seen = {}
    for s in shards:
        for n in files_of(s):
            if n in seen:
                problems.append('file %s in two shards: %s and %s' % (n, seen[n], s))
            seen[n] = s
    for p in problems[:20]:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
