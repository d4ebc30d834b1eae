#!/usr/bin/env python3
"""Captures for the sequence-jump, reorder and out-of-order-memory cases
(tests/faults/seq-jump.sh, tests/faults/ooo-memory.sh). Stdlib only.

usage: gen-reorder.py SHAPE OUT.pcap [ARGS] [SEGMENTS.tsv]
  jump200      SYN at seq 1000; 100 x 100 B from 20,001,001; then 100 x 100 B from 1001
  reorderK     (K = 2..5) SYN, 60 x 100 B; each run of K segments sent last-first
  wrap-reorder reorder3 with the ISN 2,000 bytes before 2^32 (the stream wraps)
  wrap-jump    jump200 with the ISN 5,000 bytes before 2^32 (the far data wraps)
  hostile-hole N_FLOWS N_SEGS SEG_LEN   each flow: SYN, then N_SEGS segments behind a
               never-filled 1-byte hole at byte 0, the flows interleaved round-robin
               (every flow carries the same payloads, listed once in SEGMENTS.tsv)
SEGMENTS.tsv gets one line per data segment: seq<TAB>payload-hex, so a checker can find
every payload in the output. Payloads are unique (they name their segment and seq).
"""
import struct
import sys

SRC, DST = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])


def frame(sport, dport, seq, flags, payload, src=SRC, dst=DST):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq & 0xffffffff, 0, 5 << 4, flags, 65535, 0, 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp) + len(payload), 0, 0x4000, 64, 6, 0,
                     src, dst)
    return b'\x02\0\0\0\0\x02' + b'\x02\0\0\0\0\x01' + b'\x08\x00' + ip + tcp + payload


def payload(tag, seq, length):
    head = ('<%s seq=%d>' % (tag, seq & 0xffffffff)).encode()
    body = (head * (length // len(head) + 1))[:length]
    return body


class Writer:
    def __init__(self, path):
        self.f = open(path, 'wb')
        self.f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        self.t = 1000000

    def packet(self, data):
        self.t += 1
        self.f.write(struct.pack('<IIII', self.t // 1000000, self.t % 1000000, len(data), len(data)))
        self.f.write(data)


SYN, ACK, PSH = 0x02, 0x10, 0x08


def jump200(w, segs, isn):
    w.packet(frame(40000, 80, isn, SYN, b''))
    order = [isn + 20000001 + 100 * i for i in range(100)] + [isn + 1 + 100 * i for i in range(100)]
    for n, seq in enumerate(order):
        p = payload('s%03d' % n, seq, 100)
        segs.append((seq & 0xffffffff, p))
        w.packet(frame(40000, 80, seq, ACK | PSH, p))


def reorder(w, segs, isn, k, count=60):
    w.packet(frame(40000, 80, isn, SYN, b''))
    seqs = [isn + 1 + 100 * i for i in range(count)]
    order = []
    for i in range(0, count, k):
        order += reversed(seqs[i:i + k])
    for n, seq in enumerate(order):
        p = payload('s%03d' % n, seq, 100)
        segs.append((seq & 0xffffffff, p))
        w.packet(frame(40000, 80, seq, ACK | PSH, p))


def hostile_hole(w, segs, flows, count, length):
    isn = 5000
    segs += [(isn + 2 + length * i, payload('h', isn + 2 + length * i, length)) for i in range(count)]
    for f in range(flows):
        w.packet(frame(10000 + f % 50000, 80, isn, SYN, b'', src=bytes([10, 1, f >> 16 & 255, f >> 8 & 255])))
    for i in range(count):
        for f in range(flows):
            src = bytes([10, 1, f >> 16 & 255, f >> 8 & 255])
            seq = isn + 2 + length * i  # byte 0 (isn+1) never comes
            w.packet(frame(10000 + f % 50000, 80, seq, ACK | PSH, payload('h', seq, length), src=src))


def main():
    shape, out = sys.argv[1], sys.argv[2]
    w, segs = Writer(out), []
    if shape == 'jump200':
        jump200(w, segs, 1000)
    elif shape == 'wrap-jump':
        jump200(w, segs, 2**32 - 5000)
    elif shape.startswith('reorder'):
        reorder(w, segs, 1000, int(shape[len('reorder'):]))
    elif shape == 'wrap-reorder':
        reorder(w, segs, 2**32 - 2000, 3)
    elif shape == 'hostile-hole':
        hostile_hole(w, segs, *map(int, sys.argv[3:6]))
        del sys.argv[3:6]
    else:
        sys.exit('unknown shape ' + shape)
    if len(sys.argv) > 3:
        with open(sys.argv[3], 'w') as t:
            for seq, p in segs:
                t.write('%d\t%s\n' % (seq, p.hex()))


if __name__ == '__main__':
    main()
