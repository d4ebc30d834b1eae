#!/usr/bin/env python3
"""tree.py -- look at tcpflow output folders for the end-to-end tests.

  tree.py files DIR                  list flow files (relative paths, sorted)
  tree.py diff A B [--names]         compare the flow files of A (ours) and B (tcpflow 1.6.1):
                                     same relative names, and (without --names) same bytes;
                                     prints the differences (first 20), exit 1 if any
  tree.py every DIR REGEX            every flow file's base name must fully match REGEX
  tree.py maxsize DIR N              no flow file is bigger than N bytes

"Flow files" are all regular files under DIR except the report (*.xml) and report.pdf at
its top level (and the output lock .tcpflow.lock, left only by a killed run).  Exit 0 = check holds, 1 = it does not."""
import os, re, sys

def files(root):
    out = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)
            if os.sep not in rel and (rel.endswith('.xml') or rel in ('report.pdf', '.tcpflow.lock')):
                continue
            out[rel] = p
    return out

def main():
    a = sys.argv[1:]
    if len(a) < 2:
        sys.exit(__doc__)
    cmd, d = a[0], a[1]
    fl = files(d) if os.path.isdir(d) else {}
    bad = []
    if cmd == 'files':
        for r in sorted(fl):
            print(r)
        return 0
    if cmd == 'diff':
        other = files(a[2]) if os.path.isdir(a[2]) else {}
        for r in sorted(set(fl) - set(other)):
            bad.append(f'only in ours:     {r}')
        for r in sorted(set(other) - set(fl)):
            bad.append(f'only in 1.6.1:    {r}')
        if '--names' not in a:
            for r in sorted(set(fl) & set(other)):
                x, y = open(fl[r], 'rb').read(), open(other[r], 'rb').read()
                if x != y:
                    n = min(len(x), len(y))
                    i = next((j for j in range(n) if x[j] != y[j]), n)
                    bad.append(f'content differs:  {r} (ours {len(x)} bytes, 1.6.1 {len(y)} bytes, first difference at {i})')
        summary = f'{len(set(fl) & set(other))} common files, {len(bad)} differences'
    elif cmd == 'every':
        rx = re.compile(a[2])
        bad = [f'name does not match /{a[2]}/: {r}' for r in sorted(fl) if not rx.fullmatch(os.path.basename(r))]
        summary = f'{len(fl)} files, {len(bad)} with other names'
    elif cmd == 'maxsize':
        n = int(a[2])
        bad = [f'{r}: {os.path.getsize(p)} bytes > {n}' for r, p in sorted(fl.items()) if os.path.getsize(p) > n]
        summary = f'{len(fl)} files, {len(bad)} too big'
    else:
        sys.exit(__doc__)
    for line in bad[:20]:
        print('  ' + line)
    if len(bad) > 20:
        print(f'  ... and {len(bad) - 20} more')
    print(summary)
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
