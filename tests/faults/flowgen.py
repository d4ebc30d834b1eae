#!/usr/bin/env python3
"""flowgen.py -- many interleaved TCP connections with distinct payloads, for the durability
fault cases (stdlib only, deterministic).

usage: flowgen.py OUTDIR [FLOWS [SLOW]]

OUTDIR/flows.pcap     Ethernet/IPv4 capture. FLOWS short connections (client 10.1.x.y:port ->
                      server 10.2.0.1:80, 1 to 40 KB each, client data only) run about 150 at a
                      time, so they end one after another over the whole capture; SLOW long
                      connections trickle 100 bytes a round and end only with the capture (their
                      bytes wait in tcpflow's per-flow buffers: what the flush bound is about).
OUTDIR/expected/NAME  the stream each flow file must hold (NAME: tcpflow's default file name).
OUTDIR/packets.json   [[NAME, stream bytes sent so far, ends the flow (0/1), end offset of the
                      packet in the pcap], ...]: after which byte of the capture each flow has
                      sent what (a pacing feeder turns that into wall time).
"""
import json, random, struct, sys


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(src, dst, sport, dport, seq, ack, flags, payload):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags,
                      65535, 0, 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    pseudo = src + dst + struct.pack('!BBH', 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack('!H', csum(pseudo + tcp)) + tcp[18:]
    return bytes.fromhex('020000000001020000000002') + b'\x08\x00' + ip + tcp


def ip_text(b):
    return '.'.join('%03d' % x for x in b)


class Conn:
    SYN, ACK, FIN, PSH = 0x02, 0x10, 0x01, 0x08

    def __init__(self, rng, n, size):
        self.cli = bytes([10, 1, (n >> 8) & 255, n & 255])
        self.srv = bytes([10, 2, 0, 1])
        self.sport, self.dport = 10000 + n, 80
        self.data = rng.randbytes(size)
        self.isn, self.sisn = rng.getrandbits(32), rng.getrandbits(32)
        self.sent = 0
        self.name = '%s.%05d-%s.%05d' % (ip_text(self.cli), self.sport, ip_text(self.srv), self.dport)

    def opening(self):
        return [frame(self.cli, self.srv, self.sport, self.dport, self.isn, 0, self.SYN, b''),
                frame(self.srv, self.cli, self.dport, self.sport, self.sisn, self.isn + 1, self.SYN | self.ACK, b''),
                frame(self.cli, self.srv, self.sport, self.dport, self.isn + 1, self.sisn + 1, self.ACK, b'')]

    def segment(self, size):
        piece = self.data[self.sent:self.sent + size]
        f = frame(self.cli, self.srv, self.sport, self.dport, self.isn + 1 + self.sent, self.sisn + 1,
                  self.ACK | self.PSH, piece)
        self.sent += len(piece)
        return f

    def closing(self):
        seq = self.isn + 1 + len(self.data)
        return [frame(self.cli, self.srv, self.sport, self.dport, seq, self.sisn + 1, self.FIN | self.ACK, b''),
                frame(self.srv, self.cli, self.dport, self.sport, self.sisn + 1, seq + 1, self.FIN | self.ACK, b''),
                frame(self.cli, self.srv, self.sport, self.dport, seq + 1, self.sisn + 2, self.ACK, b'')]


def generate(flows=1000, slow=20, seed=9):
    rng = random.Random(seed)
    out = [struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)]
    meta = {'flows': {}, 'packets': []}
    pos = len(out[0])
    t = 1700000000.0

    def emit(c, frames, done=False):
        nonlocal pos, t
        for f in frames:
            t += 0.0001
            rec = struct.pack('<IIII', int(t), int((t % 1) * 1e6), len(f), len(f)) + f
            out.append(rec)
            pos += len(rec)
        meta['packets'].append([c.name, c.sent, 1 if done else 0, pos])

    made = 0

    def start():
        nonlocal made
        c = Conn(rng, made, rng.randint(1000, 40000))
        made += 1
        meta['flows'][c.name] = {'data': c.data}
        emit(c, c.opening())
        return c

    trickle = [start() for _ in range(slow)]
    for c in trickle:
        c.data = rng.randbytes(400000)
        meta['flows'][c.name]['data'] = c.data
    active = [start() for _ in range(min(150, flows))]
    while active:
        for c in list(active):
            emit(c, [c.segment(rng.randint(200, 1460))])
            if c.sent == len(c.data):
                emit(c, c.closing(), done=True)
                active.remove(c)
                if made < flows + slow:
                    active.append(start())
        for c in trickle:
            if c.sent < len(c.data):
                emit(c, [c.segment(100)])
    for c in trickle:  # the slow flows end with the capture: their data is what they sent
        meta['flows'][c.name]['data'] = c.data[:c.sent]
        c.data = c.data[:c.sent]
        emit(c, c.closing(), done=True)
    return b''.join(out), meta


if __name__ == '__main__':
    import os
    outdir = sys.argv[1]
    pcap, meta = generate(int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
                          int(sys.argv[3]) if len(sys.argv) > 3 else 20)
    os.makedirs(os.path.join(outdir, 'expected'), exist_ok=True)
    open(os.path.join(outdir, 'flows.pcap'), 'wb').write(pcap)
    for name, f in meta['flows'].items():
        open(os.path.join(outdir, 'expected', name), 'wb').write(f['data'])
    json.dump(meta['packets'], open(os.path.join(outdir, 'packets.json'), 'w'))
