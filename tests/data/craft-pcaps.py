#!/usr/bin/env python3
"""craft-pcaps.py -- write the hand-made captures of tests/data (stdlib only, deterministic).

usage: tests/data/craft-pcaps.py [OUTDIR]      (default: the folder of this script)

crafted-vlan-pcp-padding.pcap
    Two HTTP-like connections on Ethernet, every short segment padded to the 60-byte
    Ethernet minimum with 0x50 ('P') bytes:
    * 192.168.1.2:2345 <-> 10.0.0.1:80 inside an 802.1Q tag with PCP 5, VID 200
      (TCI 0xA0C8): tcpflow 1.6.1 names it '--41160' (whole TCI), the fixed naming is '--200';
    * 192.168.1.3:3456 <-> 10.0.0.1:80 untagged, 1- and 2-byte payloads: tcpflow 1.6.1
      appends the padding to the streams (it ignores ip_len), the right stream has none.
The truth folder (tests/data/truth/<capture>/) is made with ../shared/tools/make-truth.sh.
"""
import os, struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip4(a): return bytes(int(x) for x in a.split('.'))

def frame(src, sport, dst, dport, seq, ack, flags, data=b'', tci=None, ipid=1):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 65535, 0, 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack('!BBH', 0, 6, len(tcp) + len(data))
    c = csum(pseudo + tcp + data)
    tcp = tcp[:16] + struct.pack('!H', c) + tcp[18:]
    iph = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp) + len(data), ipid, 0x4000, 64, 6, 0, ip4(src), ip4(dst))
    iph = iph[:10] + struct.pack('!H', csum(iph)) + iph[12:]
    eth = bytes.fromhex('020000000001') + bytes.fromhex('020000000002')
    if tci is not None:
        eth += struct.pack('!HH', 0x8100, tci)
    eth += struct.pack('!H', 0x0800)
    f = eth + iph + tcp + data
    if len(f) < 60:
        f += b'P' * (60 - len(f))
    return f

SYN, ACK, FIN, PSH = 0x02, 0x10, 0x01, 0x08

def conn(c, cp, s, sp, cdata, sdata, tci, t0):
    """handshake, client data, server data, FIN/FIN; returns [(time, frame)]"""
    ci, si = 1000, 5000
    out = []
    def add(dt, *a, **k): out.append((t0 + dt, frame(*a, tci=tci, ipid=len(out) + 1, **k)))
    add(0.000, c, cp, s, sp, ci, 0, SYN)
    add(0.001, s, sp, c, cp, si, ci + 1, SYN | ACK)
    add(0.002, c, cp, s, sp, ci + 1, si + 1, ACK)
    cs, ss = ci + 1, si + 1
    t = 0.003
    for d in cdata:
        add(t, c, cp, s, sp, cs, ss, PSH | ACK, data=d); cs += len(d); t += 0.001
        add(t, s, sp, c, cp, ss, cs, ACK); t += 0.001
    for d in sdata:
        add(t, s, sp, c, cp, ss, cs, PSH | ACK, data=d); ss += len(d); t += 0.001
        add(t, c, cp, s, sp, cs, ss, ACK); t += 0.001
    add(t, c, cp, s, sp, cs, ss, FIN | ACK); cs += 1
    add(t + 0.001, s, sp, c, cp, ss, cs, FIN | ACK); ss += 1
    add(t + 0.002, c, cp, s, sp, cs, ss, ACK)
    return out

def write_pcap(path, pkts):
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for t, f in pkts:
            sec = int(t); usec = int(round((t - sec) * 1e6))
            fh.write(struct.pack('<IIII', sec, usec, len(f), len(f)) + f)

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    t0 = 1500000000.0
    pkts = conn('192.168.1.2', 2345, '10.0.0.1', 80, [b'GET / HTTP/1.0\r\n\r\n', b'Z'],
                [b'HTTP/1.0 200 OK\r\n\r\n', b'hi'], 0xA0C8, t0)
    pkts += conn('192.168.1.3', 3456, '10.0.0.1', 80, [b'ab', b'c'], [b'd', b'ef'], None, t0 + 1)
    write_pcap(os.path.join(out, 'crafted-vlan-pcp-padding.pcap'), pkts)

main()
