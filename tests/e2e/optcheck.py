#!/usr/bin/env python3
"""optcheck.py -- checks of the option cases of tests/e2e/cases.tsv (run by run-case.sh).

  optcheck.py json STDOUT TRUTHDIR     -J -c: every stdout line is a JSON object with src_host,
                                       src_port, dst_host, dst_port and a base64 payload; the
                                       payloads of a direction, placed at their offsets (or
                                       appended when there is none), are each complete tshark
                                       stream of TRUTHDIR, and the hosts are real addresses
  optcheck.py findx OUTDIR             -I: every flow file F has F.findx and every .findx a flow
                                       file; lines 'offset|sec.usec|length', sorted by offset,
                                       offset+length of each line is the next offset, from 0 to
                                       the file's size
  optcheck.py kpcap OUTDIR CAPTURE     -K: only .pcap flow files; each is a pcap with CAPTURE's
                                       link type, readable by tcpdump, holding the packets of one
                                       direction only, as many as tshark counts for that
                                       direction in CAPTURE
  optcheck.py unproc FILE CAPTURE      -w: FILE is a pcap with CAPTURE's link type, readable by
                                       tcpdump, holding as many packets as tshark counts frames
                                       in CAPTURE that are not TCP
  optcheck.py md5 OUTDIR REPORT        every flow file has a <hashdigest type='MD5'> in REPORT
                                       equal to its MD5
  optcheck.py mtime OUTDIR REPORT      every flow file's mtime is its <tcpflow startime=...>
  optcheck.py cmdlog LOG RUNDIR OUTDIR tcp_cmd: LOG (one argument per line, as the command saw
                                       it) lists every flow file exactly once, by the path
                                       relative to RUNDIR, and nothing else
  optcheck.py owner DIR USER           DIR and everything in it belongs to USER
Exit 0 = the check holds, 1 = it does not (the reasons are printed)."""
import base64, calendar, collections, gzip, hashlib, ipaddress, json, os, pwd, re, struct
import subprocess, sys, time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tree   # noqa: E402  (flow files: everything but the top-level report)

def fail(msgs, summary):
    for m in msgs[:20]:
        print('  ' + m)
    if len(msgs) > 20:
        print(f'  ... and {len(msgs) - 20} more')
    print(summary)
    return 1 if msgs else 0

def linktype(path):
    """link type of a pcap or pcapng file (first interface of a pcapng), .gz read through"""
    op = gzip.open if path.endswith('.gz') else open
    with op(path, 'rb') as fh:
        b = fh.read(4096)
    magic = b[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        return struct.unpack('<I', b[20:24])[0] & 0x0fffffff
    if magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        return struct.unpack('>I', b[20:24])[0] & 0x0fffffff
    if magic == b'\x0a\x0d\x0d\x0a':
        bo = '<' if b[8:12] == b'\x4d\x3c\x2b\x1a' else '>'
        o = struct.unpack(bo + 'I', b[4:8])[0]
        while o + 12 <= len(b):
            t, n = struct.unpack(bo + 'II', b[o:o + 8])
            if t == 1:
                return struct.unpack(bo + 'H', b[o + 8:o + 10])[0]
            o += n
    return None

def tshark_fields(path, filt, fields):
    cmd = ['tshark', '-r', path, '-T', 'fields'] + (['-Y', filt] if filt else [])
    for f in fields:
        cmd += ['-e', f]
    r = subprocess.run(cmd, capture_output=True, text=True)
    return [line.split('\t') for line in r.stdout.splitlines()]

def tcpdump_count(path):
    r = subprocess.run(['tcpdump', '-n', '-r', path], capture_output=True, text=True)
    return r.returncode, len(r.stdout.splitlines()), r.stderr.strip().splitlines()[-1:] if r.stderr else []

DIR_FIELDS = ['ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport']

def pcap_directions(path):
    """(src, sport, dst, dport) strings of each packet of a classic pcap (what tshark's
    DIR_FIELDS give, without starting tshark per file): Ethernet (+802.1Q), NULL, RAW, SLL, SLL2"""
    b = open(path, 'rb').read()
    bo = '<' if b[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    lt = struct.unpack(bo + 'I', b[20:24])[0] & 0x0fffffff
    out, o = [], 24
    while o + 16 <= len(b):
        n = struct.unpack(bo + 'I', b[o + 8:o + 12])[0]
        f = b[o + 16:o + 16 + n]; o += 16 + n
        if lt == 1:
            et, i = struct.unpack('!H', f[12:14])[0], 14
            while et in (0x8100, 0x88a8, 0x9100):
                et, i = struct.unpack('!H', f[i + 2:i + 4])[0], i + 4
        elif lt in (0, 108):
            i = 4; et = 0x86dd if f[i] >> 4 == 6 else 0x0800
        elif lt in (12, 14, 101, 228, 229):
            i = 0; et = 0x86dd if f[0] >> 4 == 6 else 0x0800
        elif lt == 113:
            et, i = struct.unpack('!H', f[14:16])[0], 16
        elif lt == 276:
            et, i = struct.unpack('!H', f[0:2])[0], 20
        else:
            out.append(None); continue
        if et == 0x0800:
            ihl = (f[i] & 15) * 4
            src, dst, t = str(ipaddress.IPv4Address(f[i + 12:i + 16])), str(ipaddress.IPv4Address(f[i + 16:i + 20])), i + ihl
        elif et == 0x86dd:
            src, dst, t = str(ipaddress.IPv6Address(f[i + 8:i + 24])), str(ipaddress.IPv6Address(f[i + 24:i + 40])), i + 40
        else:
            out.append(None); continue
        sp, dp = struct.unpack('!HH', f[t:t + 4])
        out.append((src, str(sp), dst, str(dp)))
    return out

def direction(row):
    src = row[0] or row[1]; dst = row[3] or row[4]
    return (norm(src), row[2], norm(dst), row[5])

def norm(h):
    return str(ipaddress.ip_address(h))

def check_json(stdout, truthdir):
    bad, streams = [], collections.defaultdict(bytearray)
    with open(stdout, 'rb') as fh:
        lines = fh.read().splitlines()
    for i, raw in enumerate(lines, 1):
        try:
            o = json.loads(raw)
            key = (norm(o['src_host']), int(o['src_port']), norm(o['dst_host']), int(o['dst_port']))
            data = base64.b64decode(o['payload'], validate=True)
        except (ValueError, KeyError, TypeError) as e:
            bad.append(f'line {i}: not a JSON object with hosts, ports and a base64 payload ({e}): {raw[:80]!r}')
            continue
        buf = streams[key]
        off = o.get('offset', len(buf))
        if len(buf) < off + len(data):
            buf.extend(b'\0' * (off + len(data) - len(buf)))
        buf[off:off + len(data)] = data
    rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(truthdir, 'truth.tsv'))][1:]
    n = 0
    for st, src, sport, dst, dport, nbytes, inc in rows:
        if inc != 'no' or int(nbytes) == 0:
            continue
        n += 1
        want = open(os.path.join(truthdir, f'{st}-{src}.{sport}-{dst}.{dport}'), 'rb').read()
        got = bytes(streams.get((norm(src), int(sport), norm(dst), int(dport)), b''))
        if got != want:
            bad.append(f'{src}.{sport} -> {dst}.{dport}: JSON payloads give {len(got)} bytes, tshark {len(want)}'
                       + ('' if got else f' (directions seen: {sorted(streams)[:4]})'))
    return fail(bad, f'{len(lines)} JSON lines, {n} complete tshark streams, {len(bad)} problems')

def check_findx(outdir):
    bad, fl = [], tree.files(outdir)
    flows = {r: p for r, p in fl.items() if not r.endswith('.findx')}
    idx = {r[:-6]: p for r, p in fl.items() if r.endswith('.findx')}
    for r in sorted(set(flows) - set(idx)):
        bad.append(f'{r}: no .findx')
    for r in sorted(set(idx) - set(flows)):
        bad.append(f'{r}.findx: no flow file')
    for r in sorted(set(flows) & set(idx)):
        size, pos = os.path.getsize(flows[r]), 0
        for k, line in enumerate(open(idx[r]).read().splitlines(), 1):
            m = re.fullmatch(r'(\d+)\|(\d+)\.(\d{6})\|(\d+)', line)
            if not m:
                bad.append(f'{r}.findx line {k}: not offset|sec.usec|length: {line!r}'); break
            off, ln = int(m[1]), int(m[4])
            if off != pos:
                bad.append(f'{r}.findx line {k}: offset {off}, want {pos} (unsorted, hole or overlap)'); break
            pos = off + ln
        else:
            if pos != size:
                bad.append(f'{r}.findx covers {pos} bytes, the file has {size}')
    return fail(bad, f'{len(flows)} flow files, {len(idx)} .findx files, {len(bad)} problems')

def check_kpcap(outdir, capture):
    bad, fl = [], tree.files(outdir)
    want_lt = linktype(capture)
    counts = collections.Counter(direction(r) for r in tshark_fields(capture, 'tcp', DIR_FIELDS))
    seen = set()
    for r, p in sorted(fl.items()):
        if not r.endswith('.pcap'):
            bad.append(f'{r}: not a .pcap (-K writes no stream files)'); continue
        lt = linktype(p)
        if lt != want_lt:
            bad.append(f'{r}: link type {lt}, the input has {want_lt}')
        rc, n, err = tcpdump_count(p)
        if rc != 0:
            bad.append(f'{r}: tcpdump cannot read it: {err}')
        dirs = collections.Counter(pcap_directions(p))
        if len(dirs) != 1:
            bad.append(f'{r}: {len(dirs)} directions in it: {sorted(dirs)[:3]}'); continue
        (d, got), = dirs.items()
        seen.add(d)
        if got != counts[d] or n != got:
            bad.append(f'{r}: {got} packets (tcpdump: {n}), tshark counts {counts[d]} for {d[0]}.{d[1]} -> {d[2]}.{d[3]} in the input')
    for d in sorted(set(counts) - seen):
        bad.append(f'no .pcap for {d[0]}.{d[1]} -> {d[2]}.{d[3]} ({counts[d]} packets)')
    return fail(bad, f'{len(fl)} files, {len(counts)} directions in the input, {len(bad)} problems')

def check_unproc(path, capture):
    bad = []
    if not os.path.isfile(path):
        return fail([f'{path}: not written'], 'no file')
    lt, want_lt = linktype(path), linktype(capture)
    if lt != want_lt:
        bad.append(f'link type {lt}, the input has {want_lt}')
    rc, n, err = tcpdump_count(path)
    if rc != 0:
        bad.append(f'tcpdump cannot read it: {err}')
    want = len(tshark_fields(capture, 'not tcp', ['frame.number']))
    if n != want:
        bad.append(f'{n} packets, tshark counts {want} frames that are not TCP')
    return fail(bad, f'{n} packets written, {len(bad)} problems')

def fileobjects(report):
    out = {}
    for fo in ET.parse(report).getroot().iter('fileobject'):
        fn = fo.findtext('filename')
        if fn:
            out[fn] = fo
    return out

def check_md5(outdir, report):
    bad, fo = [], fileobjects(report)
    byname = {os.path.normpath(k): v for k, v in fo.items()}
    fl = tree.files(outdir)
    for r, p in sorted(fl.items()):
        cands = [v for k, v in byname.items() if os.path.normpath(p).endswith(os.sep + k) or k == r or k.endswith('/' + r)]
        if not cands:
            bad.append(f'{r}: no <fileobject> in the report'); continue
        digests = [h.text for h in cands[0].iter('hashdigest') if (h.get('type') or '').upper() == 'MD5']
        want = hashlib.md5(open(p, 'rb').read()).hexdigest()
        if digests != [want]:
            bad.append(f'{r}: report MD5 {digests}, md5sum {want}')
    return fail(bad, f'{len(fl)} flow files, {len(bad)} problems')

def check_mtime(outdir, report):
    bad, fl = [], tree.files(outdir)
    fo = {os.path.basename(k): v for k, v in fileobjects(report).items()}
    for r, p in sorted(fl.items()):
        v = fo.get(os.path.basename(r))
        tf = v.find('tcpflow') if v is not None else None
        if tf is None or not tf.get('startime'):
            bad.append(f'{r}: no <tcpflow startime> in the report'); continue
        st = calendar.timegm(time.strptime(tf.get('startime')[:19], '%Y-%m-%dT%H:%M:%S'))
        mt = int(os.stat(p).st_mtime)
        if mt != st:
            bad.append(f'{r}: mtime {time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(mt))}, startime {tf.get("startime")}')
    return fail(bad, f'{len(fl)} flow files, {len(bad)} problems')

def check_cmdlog(log, rundir, outdir):
    got = open(log, encoding='utf-8', errors='replace').read().splitlines() if os.path.isfile(log) else []
    want = sorted(os.path.relpath(p, rundir) for p in tree.files(outdir).values())
    bad = [f'command saw {g!r} {n} times' for g, n in collections.Counter(got).items() if n > 1]
    bad += [f'command saw {g!r}, not a flow file' for g in sorted(set(got) - set(want))]
    bad += [f'no command for {w!r}' for w in sorted(set(want) - set(got))]
    return fail(bad, f'{len(got)} command runs, {len(want)} flow files, {len(bad)} problems')

def check_owner(d, user):
    uid, bad = pwd.getpwnam(user).pw_uid, []
    for root, dirs, fs in os.walk(d):
        for x in [root] + [os.path.join(root, f) for f in fs]:
            if os.lstat(x).st_uid != uid:
                bad.append(f'{x}: owner uid {os.lstat(x).st_uid}, want {user} ({uid})')
    return fail(bad, f'{len(bad)} not owned by {user}')

def main():
    a = sys.argv[1:]
    cmds = {'json': (check_json, 2), 'findx': (check_findx, 1), 'kpcap': (check_kpcap, 2),
            'unproc': (check_unproc, 2), 'md5': (check_md5, 2), 'mtime': (check_mtime, 2),
            'cmdlog': (check_cmdlog, 3), 'owner': (check_owner, 2)}
    if not a or a[0] not in cmds or len(a) != cmds[a[0]][1] + 1:
        sys.exit(__doc__)
    return cmds[a[0]][0](*a[1:])

if __name__ == '__main__':
    sys.exit(main())
