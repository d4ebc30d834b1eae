#!/usr/bin/env python3
"""flowlog-check.py LOG.jsonl SCHEMA.json [REPORT.xml]

Checks a tcpflow --json flow log: every line is one JSON object valid against the schema
(jsonschema, draft 2020-12), the last line and only it is the summary, its connection
count is right, connection ids are unique; with REPORT.xml, the log and the report describe
the same flow directions: same connection ids, files, sizes, packets, MD5 digests and
derived objects (files, sizes, digests), and both directions of a connection carry the same
id in the report. Prints one line per problem and exits 1 on any; exit 0 when all agree."""
import json
import sys
import xml.etree.ElementTree as ET

import jsonschema

def fail(problems, msg):
    problems.append(msg)

def md5_of(annotations):
    for a in annotations or []:
        if a.get('element') == 'hashdigest' and a.get('attributes', {}).get('type', '').upper() == 'MD5':
            return a.get('text')
    return None

def report_directions(path):
    """(connection_id, src, sport, dst, dport, startime) -> record, from report.xml."""
    out = {}
    root = ET.parse(path).getroot()
    ns = ''
    for fo in root.iter():
        if not fo.tag.endswith('fileobject'):
            continue
        tcp = [c for c in fo if c.tag.endswith('tcpflow')]
        if not tcp:
            continue  # a derived object's record, inside byte_runs
        t = tcp[0].attrib
        rec = {'file': None, 'size': None, 'md5': None, 'objects': [], 'packets': int(t['packets'])}
        for c in fo:
            tag = c.tag.split('}')[-1]
            if tag == 'filename': rec['file'] = c.text
            elif tag == 'filesize': rec['size'] = int(c.text)
            elif tag == 'hashdigest' and c.get('type', '').upper() == 'MD5': rec['md5'] = c.text
            elif tag == 'byte_runs':
                for run in c:
                    for o in run:
                        obj = {'file': None, 'size': None, 'md5': None}
                        for oc in o:
                            otag = oc.tag.split('}')[-1]
                            if otag == 'filename': obj['file'] = oc.text
                            elif otag == 'filesize': obj['size'] = int(oc.text)
                            elif otag == 'hashdigest' and oc.get('type', '').upper() == 'MD5': obj['md5'] = oc.text
                        rec['objects'].append(obj)
        key = (t.get('connection_id'), t['src_ipn'], int(t['srcport']), t['dst_ipn'], int(t['dstport']), t['startime'])
        if key in out:
            raise SystemExit('report.xml: two records for %r' % (key,))
        out[key] = rec
    return out

def main():
    log, schema_path = sys.argv[1], sys.argv[2]
    report = sys.argv[3] if len(sys.argv) > 3 else None
    schema = json.load(open(schema_path))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    lines = open(log, encoding='utf-8').read().split('\n')
    if not lines or lines[-1] != '':
        fail(problems, 'the log does not end with a newline')
    lines = lines[:-1]
    objs = []
    for n, line in enumerate(lines, 1):
        try:
            o = json.loads(line)
        except ValueError as e:
            fail(problems, 'line %d: not JSON: %s' % (n, e))
            continue
        for err in validator.iter_errors(o):
            fail(problems, 'line %d: schema: %s at %s' % (n, err.message, list(err.absolute_path)))
        objs.append(o)
    if not objs or objs[-1].get('type') != 'summary':
        fail(problems, 'the last line is not the summary')
    conns = [o for o in objs if o.get('type') == 'connection']
    if len(conns) != len(objs) - 1:
        fail(problems, 'not exactly one summary line')
    if objs and objs[-1].get('connections') != len(conns):
        fail(problems, 'summary says %s connections, the log has %d' % (objs[-1].get('connections'), len(conns)))
    ids = [c['id'] for c in conns]
    if len(set(ids)) != len(ids):
        fail(problems, 'connection ids are not unique')
    if report:
        rep = report_directions(report)
        seen = set()
        for c in conns:
            for d in c['directions']:
                key = (c['id'], d['src'], d['sport'], d['dst'], d['dport'], d['start'])
                r = rep.get(key)
                if r is None:
                    fail(problems, 'no report record for %r' % (key,))
                    continue
                seen.add(key)
                if r['file'] != d.get('file'):
                    fail(problems, '%r: file %r in the report, %r in the log' % (key, r['file'], d.get('file')))
                if r['size'] != d['stream_bytes']:
                    fail(problems, '%r: filesize %r in the report, stream_bytes %r in the log' % (key, r['size'], d['stream_bytes']))
                if r['packets'] != d['packets']:
                    fail(problems, '%r: packets differ' % (key,))
                if r['md5'] != md5_of(d.get('annotations')):
                    fail(problems, '%r: MD5 %r in the report, %r in the log' % (key, r['md5'], md5_of(d.get('annotations'))))
                objs_log = [{'file': o['file'], 'size': o['size'], 'md5': md5_of(o.get('annotations'))} for o in d.get('objects', [])]
                if objs_log != r['objects']:
                    fail(problems, '%r: derived objects differ: report %r, log %r' % (key, r['objects'], objs_log))
        for key in rep:
            if key not in seen:
                fail(problems, 'report record %r is not in the log' % (key,))
        by_id = {}
        for key in rep:
            by_id.setdefault(key[0], []).append(key)
        # One id, one connection: its records (two directions, or more files when a direction
        # was split by -m, a new SYN or a timeout while the other lived) share one 4-tuple.
        for cid, keys in by_id.items():
            ends = {tuple(sorted([(k[1], k[2]), (k[3], k[4])])) for k in keys}
            if len(ends) != 1:
                fail(problems, 'connection id %s on records of different 4-tuples: %r' % (cid, sorted(ends)))
    for p in problems[:20]:
        print(p)
    if len(problems) > 20:
        print('... %d more' % (len(problems) - 20))
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
