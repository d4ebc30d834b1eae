#!/usr/bin/env python3
"""Compare a tcpflow-style output folder with tshark ground truth.

usage: truth-compare.py OUTDIR TRUTHDIR [-v]
Counts the stream directions that tshark reassembled completely (truth.tsv, incomplete=no,
bytes>0) and checks that OUTDIR holds a flow file with exactly those bytes, found by its
tcpflow name (SRCIP.SPORT-DSTIP.DPORT, optional --VLAN, optional cN; IPv4 zero padded).
Several tshark streams on one 4-tuple map, in order, to the base name, c1, c2, ...
A truth payload file may be absent when TRUTHDIR/SHA256SUMS lists its SHA-256 instead
(tests/data keeps big truth files that way).  Prints 'matched N of M' last.
Exit status: 0 when N == M, 1 otherwise, 2 on usage error.
(Derived from ../shared/tools/truth-compare.py; the SHA256SUMS form and exit status are ours.)"""
import collections, hashlib, ipaddress, os, re, sys

NAME = re.compile(r'^(?P<src>[0-9a-fA-F:.]+)\.(?P<sport>\d{5})-(?P<dst>[0-9a-fA-F:.]+)\.(?P<dport>\d{5})'
                  r'(?:--(?P<vlan>\d+))?(?:c(?P<c>\d+))?$')

def norm_ip(s):
    if ':' not in s:
        s = '.'.join(str(int(p)) for p in s.split('.'))
    return str(ipaddress.ip_address(s))

def index_outdir(outdir):
    idx = collections.defaultdict(list)   # (src,sport,dst,dport) -> [(counter, path)]
    for root, _, files in os.walk(outdir):
        for f in files:
            m = NAME.match(f)
            if not m:
                continue
            try:
                key = (norm_ip(m['src']), int(m['sport']), norm_ip(m['dst']), int(m['dport']))
            except ValueError:
                continue
            idx[key].append((int(m['c'] or 0), os.path.join(root, f)))
    for k in idx:
        idx[k].sort()
    return idx

def digest(data):
    return hashlib.sha256(data).hexdigest()

def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    if len(args) != 2:
        sys.exit(__doc__)
    outdir, truthdir = args
    verbose = '-v' in sys.argv
    idx = index_outdir(outdir)
    sums = {}
    sp = os.path.join(truthdir, 'SHA256SUMS')
    if os.path.exists(sp):
        for line in open(sp):
            h, _, f = line.rstrip('\n').partition('  ')
            sums[f] = h
    rows = []
    with open(os.path.join(truthdir, 'truth.tsv')) as fh:
        next(fh, None)
        for line in fh:
            p = line.rstrip('\n').split('\t')
            if len(p) < 7:
                continue
            rows.append((int(p[0]), norm_ip(p[1]), int(p[2]), norm_ip(p[3]), int(p[4]), int(p[5]), p[6]))
    rows.sort()
    seen = collections.Counter()
    total = matched = 0
    for stream, src, sport, dst, dport, nbytes, incomplete in rows:
        key = (src, sport, dst, dport)
        if nbytes == 0:
            continue
        n = seen[key]; seen[key] += 1
        if incomplete != 'no':
            continue
        total += 1
        base = f'{stream}-{src}.{sport}-{dst}.{dport}'
        tfile = os.path.join(truthdir, base)
        if os.path.exists(tfile):
            want = digest(open(tfile, 'rb').read())
        else:
            want = sums.get(base)
        cands = idx.get(key, [])
        got = None
        if n < len(cands):
            got = open(cands[n][1], 'rb').read()
        # tolerate numbering differences: accept any candidate file with identical bytes
        ok = want is not None and ((got is not None and digest(got) == want) or
                                   any(digest(open(p, 'rb').read()) == want for _, p in cands))
        if ok:
            matched += 1
        elif verbose:
            why = 'missing' if not cands else f'differs (got {len(got) if got is not None else "-"} bytes, want {nbytes})'
            print(f'  stream {stream} {src}:{sport}->{dst}:{dport}: {why}')
    print(f'matched {matched} of {total}')
    sys.exit(0 if matched == total else 1)

if __name__ == '__main__':
    main()
