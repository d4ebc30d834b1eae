#!/usr/bin/env python3
"""pcap_feeder.py -- write a capture's records to a pipe, a FIFO or a file, paced (stdlib only).

usage: pcap_feeder.py SRC OUT [--count N] [--slow N] [--gap SEC] [--partial] [--marker FILE]
                              [--hold SEC] [--log FILE] [--many-flows N]

SRC is a pcap or pcapng file (its packet records are the units; for pcapng, the blocks before
the first packet block are the header).  OUT is "-" (stdout) or a path (a FIFO blocks until
the reader opens it).  The header goes out first, then the first --slow records one at a time
with --gap seconds after each (flushed), then the rest of the first --count records in one
burst (so they sit in the pipe buffer), then with --partial the first half of the next record.
Then --marker FILE gets "N OFFSET" (complete records written, bytes up to the end of the last
one) and the writer keeps OUT open for --hold seconds.  --log FILE gets "INDEX MONOTONIC_TIME"
per record written.  Used by tests/faults/signals.sh to interrupt tcpflow at a known point and
to build the reference input of the same N records.
"""
import os, struct, sys, time


def records(data):
    """(header bytes, [record bytes]) of a pcap or pcapng capture."""
    magic = data[:4]
    if magic == b'\x0a\x0d\x0d\x0a':
        bo = '<' if data[8:12] == b'\x4d\x3c\x2b\x1a' else '>'
        pos, header_end, recs = 0, None, []
        while pos + 8 <= len(data):
            btype, blen = struct.unpack(bo + 'II', data[pos:pos + 8])
            if btype in (6, 3, 2):  # enhanced, simple, obsolete packet
                if header_end is None:
                    header_end = pos
                recs.append(data[pos:pos + blen])
            elif header_end is not None:
                recs[-1] += data[pos:pos + blen]  # statistics etc. travel with the packet before
            pos += blen
        return data[:header_end or len(data)], recs
    bo = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    pos, recs = 24, []
    while pos + 16 <= len(data):
        caplen = struct.unpack(bo + 'I', data[pos + 8:pos + 12])[0]
        recs.append(data[pos:pos + 16 + caplen])
        pos += 16 + caplen
    return data[:24], recs


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    src, out = args[0], args[1]
    opt = {'--count': None, '--slow': 0, '--gap': 0.0, '--marker': None, '--hold': 0.0, '--log': None}
    partial = '--partial' in args
    i = 2
    while i < len(args):
        if args[i] == '--partial':
            i += 1
            continue
        opt[args[i]] = args[i + 1]
        i += 2
    header, recs = records(open(src, 'rb').read())
    count = len(recs) if opt['--count'] is None else int(opt['--count'])
    slow, gap = int(opt['--slow']), float(opt['--gap'])
    fd = 1 if out == '-' else os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    log = open(opt['--log'], 'w') if opt['--log'] else None

    def put(b):
        view = memoryview(b)
        while view:
            view = view[os.write(fd, view):]

    put(header)
    offset = len(header)
    for n, r in enumerate(recs[:slow]):
        put(r)
        offset += len(r)
        if log:
            log.write('%d %.6f\n' % (n + 1, time.monotonic()))
            log.flush()
        time.sleep(gap)
    burst = b''.join(recs[slow:count])
    put(burst)
    offset += len(burst)
    if partial and count < len(recs):
        put(recs[count][:len(recs[count]) // 2])
    if opt['--marker']:
        with open(opt['--marker'] + '.tmp', 'w') as m:
            m.write('%d %d\n' % (count, offset))
        os.rename(opt['--marker'] + '.tmp', opt['--marker'])
    time.sleep(float(opt['--hold']))
    if fd != 1:
        os.close(fd)


if __name__ == '__main__':
    try:
        main()
    except BrokenPipeError:
        pass  # the reader stopped: that is what the tests do
