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
crafted-options-mixed.pcap
    For the option cases (-w, -S tcp_timeout, -T %V%v, ...), on Ethernet:
    * ARP request and reply, a UDP datagram and an ICMP echo request: 4 packets that are not
      TCP (what -w writes);
    * 192.168.1.2:2345 <-> 10.0.0.1:80 inside an 802.1Q tag with PCP 0, VID 100 (named
      '--100' by tcpflow 1.6.1 too);
    * 192.168.1.3:3456 <-> 10.0.0.1:80 untagged, with an idle gap of 200 s between the first
      request/response and the second one (-S tcp_timeout=60 splits both directions: c1 files).
    The TCP frames are not padded to 60 bytes (tcpflow 1.6.1 would store the padding).
crafted-split-page-load-1of2.pcap, crafted-split-page-load-2of2.pcap
    http-browser-page-load.pcap cut after its 14th packet (for -r/-R/-l with several files):
    the first part ends the flow to port 38568 and starts those to 38569/38570; the second part
    continues those two and starts the flow from port 9001 (new in part 2).
The truth folder (tests/data/truth/<capture>/) is made with ../shared/tools/make-truth.sh.
"""
import os, struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip4(a): return bytes(int(x) for x in a.split('.'))

def eth_frame(ethertype, payload, tci=None, dst='020000000001', src='020000000002'):
    eth = bytes.fromhex(dst) + bytes.fromhex(src)
    if tci is not None:
        eth += struct.pack('!HH', 0x8100, tci)
    f = eth + struct.pack('!H', ethertype) + payload
    return f + b'\0' * max(0, 60 - len(f))

def ip_packet(src, dst, proto, payload, ipid=1):
    iph = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), ipid, 0x4000, 64, proto, 0, ip4(src), ip4(dst))
    return iph[:10] + struct.pack('!H', csum(iph)) + iph[12:] + payload

def arp(op, sha, spa, tha, tpa):
    return eth_frame(0x0806, struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, op, bytes.fromhex(sha), ip4(spa),
                                         bytes.fromhex(tha), ip4(tpa)),
                     dst='ffffffffffff' if op == 1 else tha, src=sha)

def udp(src, sport, dst, dport, data):
    u = struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data
    return eth_frame(0x0800, ip_packet(src, dst, 17, u))

def icmp_echo(src, dst, data):
    m = struct.pack('!BBHHH', 8, 0, 0, 0x1234, 1) + data
    m = m[:2] + struct.pack('!H', csum(m)) + m[4:]
    return eth_frame(0x0800, ip_packet(src, dst, 1, m))

def frame(src, sport, dst, dport, seq, ack, flags, data=b'', tci=None, ipid=1, pad=True):
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
    if pad and len(f) < 60:
        f += b'P' * (60 - len(f))
    return f

SYN, ACK, FIN, PSH = 0x02, 0x10, 0x01, 0x08

def conn(c, cp, s, sp, cdata, sdata, tci, t0, gap_after=None, gap=0.0, pad=True):
    """handshake, client data, server data, FIN/FIN; returns [(time, frame)].
    pad=False: no Ethernet padding (frames shorter than 60 bytes, as captured by the sender).
    With gap_after=N: the client's first N segments and the server's first N are exchanged
    (request, response, ...), then nothing for `gap` seconds, then the rest the same way."""
    ci, si = 1000, 5000
    out = []
    def add(dt, *a, **k): out.append((t0 + dt, frame(*a, tci=tci, ipid=len(out) + 1, pad=pad, **k)))
    add(0.000, c, cp, s, sp, ci, 0, SYN)
    add(0.001, s, sp, c, cp, si, ci + 1, SYN | ACK)
    add(0.002, c, cp, s, sp, ci + 1, si + 1, ACK)
    cs, ss = ci + 1, si + 1
    t = 0.003
    if gap_after is not None:
        for rnd in (range(gap_after), range(gap_after, len(cdata))):
            for i in rnd:
                add(t, c, cp, s, sp, cs, ss, PSH | ACK, data=cdata[i]); cs += len(cdata[i]); t += 0.001
                add(t, s, sp, c, cp, ss, cs, PSH | ACK, data=sdata[i]); ss += len(sdata[i]); t += 0.001
                add(t, c, cp, s, sp, cs, ss, ACK); t += 0.001
            t += gap
        t -= gap
        cdata = sdata = []
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

def read_pcap(path):
    """-> (global header bytes, [record bytes]) of a classic little-endian pcap"""
    b = open(path, 'rb').read()
    hdr, recs, o = b[:24], [], 24
    while o < len(b):
        n = struct.unpack('<I', b[o + 8:o + 12])[0]
        recs.append(b[o:o + 16 + n]); o += 16 + n
    return hdr, recs

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

    t0 = 1600000000.0
    mac_c, mac_s = '020000000002', '020000000001'
    pkts = [(t0, arp(1, mac_c, '192.168.1.2', '000000000000', '192.168.1.1')),
            (t0 + 0.0001, arp(2, mac_s, '192.168.1.1', mac_c, '192.168.1.2')),
            (t0 + 0.0002, udp('192.168.1.2', 5353, '10.0.0.53', 53, b'not a real DNS query')),
            (t0 + 0.0003, icmp_echo('192.168.1.2', '10.0.0.1', b'ping-payload'))]
    pkts += conn('192.168.1.2', 2345, '10.0.0.1', 80, [b'GET /vlan HTTP/1.0\r\n\r\n', b'second-line'],
                 [b'HTTP/1.0 200 OK\r\n\r\n', b'vlan-body'], 0x0064, t0 + 0.001, pad=False)
    pkts += conn('192.168.1.3', 3456, '10.0.0.1', 80,
                 [b'GET /one HTTP/1.1\r\n\r\n', b'GET /two HTTP/1.1\r\n\r\n'],
                 [b'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none',
                  b'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo'], None, t0 + 1, gap_after=1, gap=200.0, pad=False)
    write_pcap(os.path.join(out, 'crafted-options-mixed.pcap'), sorted(pkts, key=lambda p: p[0]))

    here = os.path.dirname(os.path.abspath(__file__))
    hdr, recs = read_pcap(os.path.join(here, 'http-browser-page-load.pcap'))
    for name, part in (('crafted-split-page-load-1of2.pcap', recs[:14]), ('crafted-split-page-load-2of2.pcap', recs[14:])):
        with open(os.path.join(out, name), 'wb') as fh:
            fh.write(hdr + b''.join(part))

main()
