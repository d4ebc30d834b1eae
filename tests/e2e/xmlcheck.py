#!/usr/bin/env python3
"""xmlcheck.py FILE [FILE...] -- exit 0 when every FILE is well-formed XML, else print
'FILE: not well-formed: <reason>' and exit 1.  With --fileobjects, print the number of
<fileobject> elements of each file (at any depth, namespace ignored)."""
import sys
import xml.etree.ElementTree as ET

def main():
    args = sys.argv[1:]
    count = '--fileobjects' in args
    files = [a for a in args if a != '--fileobjects']
    if not files:
        sys.exit(__doc__)
    bad = 0
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except (ET.ParseError, OSError) as e:
            print(f'{f}: not well-formed: {e}')
            bad += 1
            continue
        if count:
            n = sum(1 for el in root.iter() if isinstance(el.tag, str) and el.tag.rsplit('}', 1)[-1] == 'fileobject')
            print(n)
    sys.exit(1 if bad else 0)

if __name__ == '__main__':
    main()
