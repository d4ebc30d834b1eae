#!/usr/bin/env python3
"""bodies.py -- compare the HTTP bodies of two tcpflow output folders.

usage: bodies.py REF_DIR OURS_DIR

REF_DIR holds Debian tcpflow 1.6.1's `-e http` output, OURS_DIR ours. Every
body 1.6.1 wrote must be ours too, byte for byte, under the same name, except
where 1.6.1 is known to be wrong, which is accepted and said:
  * 1.6.1 names a body without extension where our MIME table has one;
  * 1.6.1 left a body gzip-encoded (x-gzip, stacked codings) that we decoded;
  * the flow file itself is named differently (a core difference): the body
    is then looked up by content.
Exit status 0 when every body matches, 1 otherwise. Prints one line per body.
"""
import gzip, hashlib, os, re, sys, zlib

BODY = re.compile(r'^(.*-HTTPBODY-\d{3,})(\.[A-Za-z0-9]+)?$')


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def gunzip_all(data):
    """Every gzip layer 1.6.1 may have left on, outermost first."""
    layers = []
    while data[:2] == b'\x1f\x8b':
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            break
        layers.append(data)
    return layers


def bodies(folder):
    return {n: os.path.join(folder, n) for n in os.listdir(folder) if BODY.match(n)}


def main():
    ref_dir, ours_dir = sys.argv[1], sys.argv[2]
    ref, ours = bodies(ref_dir), bodies(ours_dir)
    by_stem = {BODY.match(n).group(1): n for n in ours}
    by_digest = {hashlib.sha256(read(p)).hexdigest(): n for n, p in ours.items()}
    failures = 0
    used = set()
    for name in sorted(ref):
        want = read(ref[name])
        stem, ext = BODY.match(name).groups()
        mine = name if name in ours else by_stem.get(stem) if not ext else None
        note = '' if mine == name else 'named with an extension 1.6.1 lacks'
        if mine is None:
            mine = by_digest.get(hashlib.sha256(want).hexdigest())
            note = 'flow file named differently by the core'
        if mine is None:
            print(f'MISSING {name}')
            failures += 1
            continue
        used.add(mine)
        got = read(ours[mine])
        if got == want:
            print(f'same    {name}' + (f'  ({mine}: {note})' if note else ''))
        elif got in gunzip_all(want):
            print(f'better  {name}  (1.6.1 left it gzip-encoded; ours is decoded)')
        else:
            print(f'DIFFER  {name}  ({len(want)} vs {len(got)} bytes)')
            failures += 1
    for name in sorted(set(ours) - used):
        print(f'extra   {name}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
