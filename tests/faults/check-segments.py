#!/usr/bin/env python3
"""check-segments.py SEGMENTS.tsv OUTDIR [--every-file BASE]: is every segment of gen-reorder.py's list in
some flow file of OUTDIR, at the right offset? A flow file's offsets are its stream
offsets, so every segment found in one file must sit at seq - base for one base per
file (modulo 2^32). Prints the layout (file -> segment numbers) on stdout, one line per
file, and problems on stderr; exit 1 if a segment is missing or misplaced."""
import os
import sys

segs = []
with open(sys.argv[1]) as t:
    for line in t:
        seq, hexp = line.split('\t')
        segs.append((int(seq), bytes.fromhex(hexp.strip())))
outdir = sys.argv[2]
# --every-file BASE: every flow file must hold every segment, at seq - BASE
every = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == '--every-file' else None
files = sorted(n for n in os.listdir(outdir)
               if not n.endswith(('.xml', '.findx')) and os.path.isfile(os.path.join(outdir, n)))
where = {}
bad = 0
for name in files:
    data = open(os.path.join(outdir, name), 'rb').read()
    base = None
    for n, (seq, p) in enumerate(segs):
        at = data.find(p)
        if at < 0:
            continue
        b = (seq - at) & 0xffffffff
        if every is not None and b != every:
            print('%s: segment %d at offset %d, not %d' % (name, n, at, seq - every), file=sys.stderr)
            bad += 1
        if base is None:
            base = b
        elif b != base:
            print('%s: segment %d at offset %d, not %d' % (name, n, at, (seq - base) & 0xffffffff),
                  file=sys.stderr)
            bad += 1
        where.setdefault(n, []).append(name)
missing = [n for n in range(len(segs)) if n not in where]
if every is not None:
    missing += [n for n in range(len(segs)) if n in where and len(where[n]) != len(files)]
if missing:
    print('missing segments: %s' % missing, file=sys.stderr)
for name in files:
    print('%s: %s' % (name, ' '.join(str(n) for n in sorted(where) if name in where[n])))
sys.exit(1 if missing or bad else 0)
