#!/usr/bin/python3
"""craft-tunnel-pcaps.py -- write the scapy-made captures of tests/data (needs python3-scapy).

usage: tests/data/craft-tunnel-pcaps.py [OUTDIR]      (default: the folder of this script)

No public capture was found for these tunnels and handshakes, so each is built here: one or two
TCP connections with data both ways (handshake, requests, responses, FIN/FIN), every packet
wrapped in the tunnel named. Deterministic: fixed addresses, ports, ISNs and times. Named crafted-* so that
tests/data/import-from-shared.sh keeps them. Truth: ../shared/tools/make-truth.sh.

crafted-l2tp-ppp-http.pcap
    L2TPv2 data messages (UDP 1701 both sides) carrying PPP
    (ff 03 00 21) + IPv4/TCP; the length (L) and sequence (S) fields
    on the client's packets, a plain header on the server's; one
    L2TP control message (ZLB) and an LCP echo between them.
crafted-l2tpv3-ip-eth-http.pcap
    L2TPv3 over IP (protocol 115), session 0x1234, Ethernet pseudowire: one connection
    without cookie and with the default 4-byte L2-specific sublayer, one with an 8-byte
    cookie and no sublayer (the layouts the decoder detects).
crafted-teredo-http.pcap
    Teredo (UDP 3544 on the relay side): IPv6/TCP as the UDP payload;
    the server's packets carry an origin indicator, the SYN an
    authentication indicator too; one Teredo bubble (no next header).
crafted-vxlan-gpe-http.pcap
    VXLAN-GPE (UDP 4790): one connection with next protocol IPv4, one
    with Ethernet, one with NSH (MD type 2, 8 bytes) then IPv4.
crafted-ip-in-ipv6-http.pcap
    IPv6 next header 4 (IPv4 in IPv6, one connection) and 41 (IPv6 in
    IPv6, another).
crafted-sit-6to4-http.pcap
    6to4: IPv4 protocol 41 carrying IPv6/TCP between 2002:: addresses.
crafted-tunnel-nesting.pcap
    One connection inside VXLAN > Geneve > GTP-U > VXLAN-GPE > L2TP >
    Teredo (6 tunnels: decoded), one inside 20 IP-in-IP headers (past
    the decoder's nesting limit: counted malformed, not recorded).
crafted-fake-tunnel-ports.pcap
    UDP datagrams to 2152, 3544, 6081, 4790, 1701, 4789 whose payload
    is not that tunnel's header (DNS-like bytes): plain UDP, nothing
    recorded; plus one real TCP connection so the run has output.
crafted-tfo-synack-isn-change.pcap
    TCP Fast Open: the client's SYN carries a cookie and 64 bytes; the
    server answers with two SYN-ACKs, ISNs 1,000,000 apart (inside -m,
    so no sequence jump hides the error); the client acknowledges the
    second; the server sends 6000 bytes after the second ISN.
crafted-synack-isn-far.pcap
    The same with the second ISN 1.18 GB after the first (the issue's
    case) and without TFO; the client acknowledges the second.
crafted-synack-isn-first-acked.pcap
    Two SYN-ACKs; the client acknowledges the FIRST ISN (the second
    SYN-ACK is a stray): the data follow the first.
crafted-syn-isn-change.pcap
    The client retransmits its SYN with another ISN before any data;
    the SYN-ACK acknowledges the second; the client's data follow it.

"""
import os, sys
from scapy.all import (Ether, IP, IPv6, UDP, TCP, Raw, wrpcap, conf)

conf.verb = 0
MAC_A, MAC_B = '02:00:00:00:00:01', '02:00:00:00:00:02'


def tcp_conn(c, cp, s, sp, cdata, sdata, ip=IP, cisn=1000, sisn=5000, syn_extra=None):
    """[(from_client, TCP packet with its IP header)] of one connection: handshake, client
    requests each answered by a server response, FIN/FIN. syn_extra(out, mk) may rewrite
    the handshake (it gets the list and a maker mk(from_client, seq, ack, flags, data))."""
    out = []
    def mk(fc, seq, ack, flags, data=b'', opts=None):
        src, dst, spt, dpt = (c, s, cp, sp) if fc else (s, c, sp, cp)
        t = TCP(sport=spt, dport=dpt, seq=seq & 0xffffffff, ack=ack & 0xffffffff, flags=flags,
                window=65535, options=opts or [])
        p = ip(src=src, dst=dst) / t
        if data: p = p / Raw(data)
        return (fc, p)
    cs, ss = cisn + 1, sisn + 1
    if syn_extra:
        cs, ss = syn_extra(out, mk)
    else:
        out.append(mk(True, cisn, 0, 'S'))
        out.append(mk(False, sisn, cs, 'SA'))
        out.append(mk(True, cs, ss, 'A'))
    for cd, sd in zip(cdata, sdata):
        out.append(mk(True, cs, ss, 'PA', cd)); cs += len(cd)
        for i in range(0, len(sd), 1400):
            piece = sd[i:i + 1400]
            out.append(mk(False, ss, cs, 'PA', piece)); ss += len(piece)
        out.append(mk(True, cs, ss, 'A'))
    out.append(mk(True, cs, ss, 'FA')); cs += 1
    out.append(mk(False, ss, cs, 'FA')); ss += 1
    out.append(mk(True, cs, ss, 'A'))
    return out


def http(n, body=300):
    req = [b'GET /%d HTTP/1.1\r\nHost: example.test\r\n\r\n' % i for i in range(n)]
    rsp = [b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n' % body + bytes([65 + i]) * body for i in range(n)]
    return req, rsp


def eth(p, t=0x0800):
    return Ether(src=MAC_A, dst=MAC_B, type=t) / p


def write(outdir, name, frames):
    pkts = []
    for i, f in enumerate(frames):
        f.time = 1700000000 + i * 0.001
        pkts.append(f)
    wrpcap(os.path.join(outdir, name), pkts)


# --- tunnel headers (built by hand: the exact bits are the point) ---------------------------
def l2tp_hdr(with_len_seq, ns, length):
    if with_len_seq:  # T=0 L=1 S=1 ver 2; length, tunnel, session, Ns, Nr
        return bytes.fromhex('4802') + length.to_bytes(2, 'big') + bytes.fromhex('0001 0002') + \
            ns.to_bytes(2, 'big') + b'\0\0'
    return bytes.fromhex('0002 0001 0002')


def l2tp(inner_ip, from_client, ns=0):
    ppp = b'\xff\x03\x00\x21' + bytes(inner_ip)
    if from_client:
        body = l2tp_hdr(True, ns, 12 + len(ppp)) + ppp
        return IP(src='198.51.100.1', dst='198.51.100.2') / UDP(sport=1701, dport=1701) / Raw(body)
    body = l2tp_hdr(False, 0, 0) + ppp
    return IP(src='198.51.100.2', dst='198.51.100.1') / UDP(sport=1701, dport=1701) / Raw(body)


def teredo(inner6, from_client, auth=False):
    pre = b''
    if auth:
        pre += bytes.fromhex('0001 00 00') + b'\x11' * 8 + b'\x00'  # no id/auth value, nonce, conf
    if not from_client:
        pre += bytes.fromhex('0000') + (40000 ^ 0xffff).to_bytes(2, 'big') + bytes(x ^ 0xff for x in (203, 0, 113, 9))
    raw = pre + bytes(inner6)
    if from_client:
        return IP(src='203.0.113.9', dst='192.0.2.1') / UDP(sport=40000, dport=3544) / Raw(raw)
    return IP(src='192.0.2.1', dst='203.0.113.9') / UDP(sport=3544, dport=40000) / Raw(raw)


def gpe(next_proto, inner, sport=50001):
    return IP(src='10.9.0.1', dst='10.9.0.2') / UDP(sport=sport, dport=4790) / \
        Raw(bytes([0x0c, 0, 0, next_proto, 0, 0, 0x2a, 0]) + bytes(inner))


def nsh_ipv4(inner):
    # ver 0, TTL 63, length 2 words; MD type 2; next protocol 1 (IPv4); SPI 5, SI 255
    return bytes([0x0f, 0xc2, 0x02, 0x01, 0, 0, 5, 255]) + bytes(inner)


def geneve(inner, proto=0x6558, options=b''):
    assert len(options) % 4 == 0
    hdr = bytes([len(options) // 4, 0]) + proto.to_bytes(2, 'big') + bytes([0, 0, 7, 0]) + options
    return UDP(sport=50002, dport=6081) / Raw(hdr + bytes(inner))


def gtpu(inner_ip, seq=None):
    payload = bytes(inner_ip)
    if seq is None:
        return UDP(sport=2152, dport=2152) / Raw(bytes([0x30, 0xff]) + len(payload).to_bytes(2, 'big') +
                                                  bytes.fromhex('00000001') + payload)
    # S and E flags: sequence, N-PDU, next ext 0x85 (PDU session container, 1 word), then none
    ext = bytes([1, 0x10, 0x05, 0x00])
    body = seq.to_bytes(2, 'big') + b'\0' + b'\x85' + ext + payload
    return UDP(sport=2152, dport=2152) / Raw(bytes([0x36, 0xff]) + len(body).to_bytes(2, 'big') +
                                              bytes.fromhex('00000001') + body)


def vxlan(inner):
    return UDP(sport=50003, dport=4789) / Raw(bytes([8, 0, 0, 0, 0, 0, 9, 0]) + bytes(inner))


# --- captures --------------------------------------------------------------------------------
def cap_l2tp():
    req, rsp = http(2)
    frames = []
    for i, (fc, p) in enumerate(tcp_conn('10.1.0.10', 41000, '10.1.0.20', 80, req, rsp)):
        frames.append(eth(l2tp(p, fc, ns=i)))
        if i == 2:
            frames.append(eth(IP(src='198.51.100.2', dst='198.51.100.1') / UDP(sport=1701, dport=1701) /
                              Raw(bytes.fromhex('c802 000c 0001 0000 0001 0002'))))  # control ZLB
            frames.append(eth(IP(src='198.51.100.1', dst='198.51.100.2') / UDP(sport=1701, dport=1701) /
                              Raw(bytes.fromhex('0002 0001 0002 ff03 c021 0901 0008 0000 0000'))))  # LCP echo
    return frames


def cap_l2tpv3():
    req, rsp = http(2)
    frames = []
    layouts = [(43101, b'', b'\0\0\0\0'),               # no cookie, default L2-specific sublayer
               (43102, bytes.fromhex('0102030405060708'), b'')]  # 8-byte cookie, no sublayer
    for port, cookie, sub in layouts:
        for fc, p in tcp_conn('10.1.1.10', port, '10.1.1.20', 80, req, rsp):
            a, b = ('198.51.100.1', '198.51.100.2') if fc else ('198.51.100.2', '198.51.100.1')
            inner = Ether(src=MAC_A if fc else MAC_B, dst=MAC_B if fc else MAC_A) / p
            frames.append(eth(IP(src=a, dst=b, proto=115) / Raw(bytes.fromhex('00001234') + cookie + sub + bytes(inner))))
    return frames


def cap_teredo():
    req, rsp = http(2)
    c6, s6 = '2001:0:c000:201:0:63bf:3f8c:fff6', '2001:db8::80'
    frames = [eth(teredo(IPv6(src=c6, dst=s6, nh=59), True))]  # bubble
    for i, (fc, p) in enumerate(tcp_conn(c6, 42000, s6, 80, req, rsp, ip=IPv6)):
        frames.append(eth(teredo(p, fc, auth=(i == 0))))
    return frames


def cap_vxlan_gpe():
    frames = []
    req, rsp = http(2)
    for fc, p in tcp_conn('10.2.0.1', 43001, '10.2.0.2', 80, req, rsp):
        frames.append(eth(gpe(1, p)))
    for fc, p in tcp_conn('10.2.0.3', 43002, '10.2.0.4', 80, req, rsp):
        frames.append(eth(gpe(3, Ether(src=MAC_A if fc else MAC_B, dst=MAC_B if fc else MAC_A) / p)))
    for fc, p in tcp_conn('10.2.0.5', 43003, '10.2.0.6', 80, req, rsp):
        frames.append(eth(gpe(4, nsh_ipv4(p))))
    return frames


def cap_ip_in_ipv6():
    req, rsp = http(2)
    frames = []
    o1, o2 = '2001:db8:1::1', '2001:db8:1::2'
    for fc, p in tcp_conn('10.3.0.1', 44001, '10.3.0.2', 80, req, rsp):
        frames.append(eth(IPv6(src=o1 if fc else o2, dst=o2 if fc else o1, nh=4) / p, 0x86dd))
    for fc, p in tcp_conn('2001:db8:2::1', 44002, '2001:db8:2::2', 80, req, rsp, ip=IPv6):
        frames.append(eth(IPv6(src=o1 if fc else o2, dst=o2 if fc else o1, nh=41) / p, 0x86dd))
    return frames


def cap_6to4():
    req, rsp = http(2)
    frames = []
    for fc, p in tcp_conn('2002:c000:201::1', 45000, '2002:c633:6401::1', 80, req, rsp, ip=IPv6):
        a, b = ('192.0.2.1', '198.51.100.1') if fc else ('198.51.100.1', '192.0.2.1')
        frames.append(eth(IP(src=a, dst=b, proto=41) / p))
    return frames


def cap_nesting():
    req, rsp = http(1)
    frames = []
    c6, s6 = '2001:0:c000:201:0:63bf:3f8c:fff6', '2001:db8::99'
    # Depth as the decoder counts it: 2 Ethernet and 7 IP headers, of 16 allowed.
    for fc, p in tcp_conn(c6, 46000, s6, 80, req, rsp, ip=IPv6):
        t = teredo(p, fc)                                   # 6: Teredo in IPv4
        t = l2tp(t, True)                                   # 5: L2TP (PPP) in IPv4
        t = IP(src='10.4.0.1', dst='10.4.0.2') / UDP(sport=50004, dport=4790) / \
            Raw(bytes([0x0c, 0, 0, 1, 0, 0, 1, 0]) + bytes(t))  # 4: VXLAN-GPE, IPv4 next
        t = IP(src='10.5.0.1', dst='10.5.0.2') / gtpu(t, seq=7)  # 3: GTP-U with an extension
        t = IP(src='10.6.0.1', dst='10.6.0.2') / geneve(t, 0x0800, options=b'\x01\x02\x03\x01' + b'\0' * 4)  # 2
        t = IP(src='10.7.0.1', dst='10.7.0.2') / vxlan(Ether(src=MAC_A, dst=MAC_B) / t)  # 1: VXLAN, inner Ethernet
        frames.append(eth(t))
    for fc, p in tcp_conn('10.10.0.1', 46001, '10.10.0.2', 80, req, rsp):
        t = p
        for i in range(20):
            t = IP(src='10.11.0.%d' % (i + 1), dst='10.12.0.%d' % (i + 1), proto=4) / t
        frames.append(eth(t))
    return frames


def cap_fake_ports():
    frames = []
    dns_like = bytes.fromhex('abcd0100000100000000000003777777076578616d706c6503636f6d0000010001')
    for port in (2152, 3544, 6081, 4790, 1701, 4789):
        frames.append(eth(IP(src='10.13.0.1', dst='10.13.0.2') / UDP(sport=port, dport=port) / Raw(dns_like)))
        # An IPv6-looking payload whose length field does not fit: not Teredo either.
        frames.append(eth(IP(src='10.13.0.1', dst='10.13.0.2') / UDP(sport=53, dport=port) /
                          Raw(bytes(IPv6(src='::1', dst='::2', plen=999) / TCP()))))
    req, rsp = http(1)
    for fc, p in tcp_conn('10.13.0.1', 47000, '10.13.0.2', 80, req, rsp):
        frames.append(eth(p))
    return frames


def isn_conn(c, cp, s, sp, cdata, sdata, handshake):
    return [eth(p) for fc, p in tcp_conn(c, cp, s, sp, cdata, sdata, syn_extra=handshake)]


def cap_tfo():
    a, b = 3000000000, 3001000000
    def hs(out, mk):
        tfo = [('MSS', 1460), (34, b'\x01\x02\x03\x04\x05\x06\x07\x08')]
        first = b'TFO-DATA' * 8
        out.append(mk(True, 7000, 0, 'S', first, opts=tfo))
        out.append(mk(False, a, 7001, 'SA', opts=[('MSS', 1460)]))
        out.append(mk(False, b, 7001 + len(first), 'SA', opts=[('MSS', 1460), (34, b'\x01\x02\x03\x04\x05\x06\x07\x08')]))
        out.append(mk(True, 7001 + len(first), b + 1, 'A'))
        return 7001 + len(first), b + 1
    body = bytes((i * 7 + 3) % 251 for i in range(6000))
    return isn_conn('10.20.0.1', 48000, '10.20.0.2', 443, [b'more-request'], [body], hs)


def cap_far():
    a, b = 1000, 1000 + 1180000000
    def hs(out, mk):
        out.append(mk(True, 7000, 0, 'S'))
        out.append(mk(False, a, 7001, 'SA'))
        out.append(mk(False, b, 7001, 'SA'))
        out.append(mk(True, 7001, b + 1, 'A'))
        return 7001, b + 1
    body = bytes((i * 5 + 1) % 253 for i in range(6000))
    return isn_conn('10.21.0.1', 48001, '10.21.0.2', 443, [b'GET / HTTP/1.0\r\n\r\n'], [body], hs)


def cap_first_acked():
    a, b = 50000, 90000
    def hs(out, mk):
        out.append(mk(True, 7000, 0, 'S'))
        out.append(mk(False, a, 7001, 'SA'))
        out.append(mk(True, 7001, a + 1, 'A'))
        out.append(mk(False, b, 7001, 'SA'))  # stray, after the client's ACK
        return 7001, a + 1
    req, rsp = http(2)
    return isn_conn('10.22.0.1', 48002, '10.22.0.2', 80, req, rsp, hs)


def cap_syn_change():
    def hs(out, mk):
        out.append(mk(True, 7000, 0, 'S'))
        out.append(mk(True, 400000, 0, 'S'))
        out.append(mk(False, 9000, 400001, 'SA'))
        out.append(mk(True, 400001, 9001, 'A'))
        return 400001, 9001
    req, rsp = http(2)
    return isn_conn('10.23.0.1', 48003, '10.23.0.2', 80, req, rsp, hs)


CAPTURES = {
    'crafted-l2tp-ppp-http.pcap': cap_l2tp,
    'crafted-l2tpv3-ip-eth-http.pcap': cap_l2tpv3,
    'crafted-teredo-http.pcap': cap_teredo,
    'crafted-vxlan-gpe-http.pcap': cap_vxlan_gpe,
    'crafted-ip-in-ipv6-http.pcap': cap_ip_in_ipv6,
    'crafted-sit-6to4-http.pcap': cap_6to4,
    'crafted-tunnel-nesting.pcap': cap_nesting,
    'crafted-fake-tunnel-ports.pcap': cap_fake_ports,
    'crafted-tfo-synack-isn-change.pcap': cap_tfo,
    'crafted-synack-isn-far.pcap': cap_far,
    'crafted-synack-isn-first-acked.pcap': cap_first_acked,
    'crafted-syn-isn-change.pcap': cap_syn_change,
}


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(outdir, exist_ok=True)
    for name, make in CAPTURES.items():
        write(outdir, name, make())


if __name__ == '__main__':
    main()
