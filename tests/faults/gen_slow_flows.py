#!/usr/bin/env python3
"""gen_slow_flows.py OUT NFLOWS BYTES -- a pcap of NFLOWS complete TCP connections (stdlib only).

Each connection (10.0.0.1:10000+i -> 10.0.0.2:80) is a handshake, BYTES of server data in
1400-byte segments (the bytes say which flow and offset they are), and FINs both ways, so a
flow closes while the file is still being read.  tests/faults/signals.sh uses it, with a slow
-e exec command per closed flow, to make reading a regular file take long enough to be
interrupted, and big enough (tens of MiB, more than the -j queues hold) that the reader is
stopped before the file's end.
"""
import struct, sys


def frame(i, from_server, seq, ack, flags, payload=b''):
    cport, sport = 10000 + i, 80
    src, dst = (b'\x0a\x00\x00\x02', b'\x0a\x00\x00\x01') if from_server else (b'\x0a\x00\x00\x01', b'\x0a\x00\x00\x02')
    ports = (sport, cport) if from_server else (cport, sport)
    tcp = struct.pack('!HHIIBBHHH', ports[0], ports[1], seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 65535, 0, 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp) + len(payload), 1, 0x4000, 64, 6, 0, src, dst)
    return b'\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00' + ip + tcp + payload


def main():
    out, nflows, nbytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    SYN, ACK, FIN, PSH = 0x02, 0x10, 0x01, 0x08
    pkts = []
    for i in range(nflows):
        c, s = 1000, 5000  # initial sequence numbers
        pkts += [frame(i, False, c, 0, SYN), frame(i, True, s, c + 1, SYN | ACK), frame(i, False, c + 1, s + 1, ACK)]
        body = b''.join(b'flow %05d offset %09d\n' % (i, o) for o in range(0, nbytes, 32))[:nbytes]
        for o in range(0, len(body), 1400):
            pkts.append(frame(i, True, s + 1 + o, c + 1, ACK | PSH, body[o:o + 1400]))
        end = s + 1 + len(body)
        pkts += [frame(i, True, end, c + 1, FIN | ACK), frame(i, False, c + 1, end + 1, FIN | ACK),
                 frame(i, True, end + 1, c + 2, ACK)]
    with open(out, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for n, p in enumerate(pkts):
            f.write(struct.pack('<IIII', 1700000000 + n // 1000, (n % 1000) * 1000, len(p), len(p)) + p)


if __name__ == '__main__':
    main()
