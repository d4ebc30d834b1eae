#!/usr/bin/python3
"""craft-linklayers.py -- write the link-type captures of tests/data (crafted-link-*.pcap).

usage: tests/data/craft-linklayers.py [OUTDIR]     (default: the folder of this script)
Needs python3-scapy (Debian); deterministic (fixed addresses, ports, sequence numbers, times).
CI does not run it: its outputs are committed, with their tshark truth in tests/data/truth/.

No public capture of these link types carrying TCP was found, so each file holds one small
TCP connection (handshake, a request, a response of two segments, FINs) framed as that link
type, plus frames that must be counted as not processed:
  crafted-link-ieee80211-105.pcap    bare 802.11 data frames (To DS / From DS) + LLC/SNAP;
                                     a beacon, a null-data frame, a protected frame
  crafted-link-radiotap-qos-127.pcap radiotap (TSFT + flags: FCS present) + QoS data; the
                                     server's frames are 4-address (WDS); one response segment
                                     rides in an A-MSDU after a non-IP subframe
  crafted-link-prism-119.pcap        Prism monitor header + 802.11
  crafted-link-avs-163.pcap          AVS capture header + 802.11
  crafted-link-ppi-192.pcap          PPI header (link type 105) + 802.11
  crafted-link-ethernet-llc-snap.pcap 802.3 (length field) + LLC/SNAP; short frames padded to 60
  crafted-link-pflog-117.pcap        OpenBSD pflog (AF_INET6 = 24) + IPv6
  crafted-link-token-ring-6.pcap     token ring + LLC/SNAP; the server's frames carry a
                                     source-routing field
  crafted-link-ppp-hdlc-50.pcap      PPP in HDLC-like framing (ff 03)
  crafted-link-gprs-llc-169.pcap     GPRS LLC UI frames (SAPI 3) + SNDCP SN-UNITDATA + IPv4
  crafted-link-ipnet-226.pcap        Solaris ipnet header + IPv4
  crafted-link-pktap-258.pcap        Apple PKTAP header (inner link type 1) + Ethernet
  crafted-link-erf-197.pcap          Endace ERF records: Ethernet (type 2, 2-byte pad), the
                                     client's with an extension header; the server's padded
                                     past the frame to an 8-byte record length
The truth folders are made with ../shared/tools/make-truth.sh (tshark's reassembly).
"""
import os, struct, sys
from scapy.all import Ether, IP, IPv6, TCP, Raw, wrpcap, raw, conf
from scapy.layers.dot11 import Dot11, Dot11QoS, Dot11Beacon, Dot11Elt, RadioTap, PrismHeader
from scapy.layers.l2 import LLC, SNAP, Dot3
from scapy.layers.pflog import PFLog
from scapy.layers.ppi import PPI

CLIENT, SERVER = "10.1.1.1", "10.2.2.2"
CLIENT6, SERVER6 = "2001:db8::1", "2001:db8::2"
AP, STA, ROUTER = "00:11:22:33:44:55", "00:aa:bb:cc:dd:01", "00:aa:bb:cc:dd:02"


def conversation(name, v6=False):
    """The IP packets of one TCP connection: (from_client, bytes)."""
    src, dst = (CLIENT6, SERVER6) if v6 else (CLIENT, SERVER)
    ip = (lambda s, d: IPv6(src=s, dst=d, hlim=64)) if v6 else (lambda s, d: IP(src=s, dst=d, ttl=64, id=1))
    req = ("GET /%s HTTP/1.0\r\nHost: example\r\n\r\n" % name).encode()
    resp1 = ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nlink type %s, " % name).encode()
    resp2 = ("second segment of the response for %s\n" % name).encode() * 3
    c, s = 1000, 5000  # ISNs
    cp, sp = 40000, 80
    out = []
    def add(fc, flags, seq, ack, data=b""):
        a, b = (src, dst) if fc else (dst, src)
        p1, p2 = (cp, sp) if fc else (sp, cp)
        out.append((fc, raw(ip(a, b) / TCP(sport=p1, dport=p2, flags=flags, seq=seq, ack=ack, window=8192) / Raw(data))
                    if data else raw(ip(a, b) / TCP(sport=p1, dport=p2, flags=flags, seq=seq, ack=ack, window=8192))))
    add(True, "S", c, 0)
    add(False, "SA", s, c + 1)
    add(True, "A", c + 1, s + 1)
    add(True, "PA", c + 1, s + 1, req)
    add(False, "A", s + 1, c + 1 + len(req))
    add(False, "PA", s + 1, c + 1 + len(req), resp1)
    add(False, "PA", s + 1 + len(resp1), c + 1 + len(req), resp2)
    add(True, "A", c + 1 + len(req), s + 1 + len(resp1) + len(resp2))
    add(False, "FA", s + 1 + len(resp1) + len(resp2), c + 1 + len(req))
    add(True, "FA", c + 1 + len(req), s + 2 + len(resp1) + len(resp2))
    add(False, "A", s + 2 + len(resp1) + len(resp2), c + 2 + len(req))
    return out


def snap(ip_bytes, v6=False):
    return raw(LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x86dd if v6 else 0x0800)) + ip_bytes


def dot11(fc, ip_bytes, qos=False, four=False, protected=False):
    """802.11 data frame: client frames go To DS, server frames From DS (or WDS)."""
    if four:
        hdr = Dot11(type=2, subtype=8 if qos else 0, FCfield="to-DS+from-DS", addr1=AP, addr2=ROUTER, addr3=STA, addr4=ROUTER, SC=0x10)
    elif fc:
        hdr = Dot11(type=2, subtype=8 if qos else 0, FCfield="to-DS", addr1=AP, addr2=STA, addr3=ROUTER, SC=0x10)
    else:
        hdr = Dot11(type=2, subtype=8 if qos else 0, FCfield="from-DS", addr1=STA, addr2=AP, addr3=ROUTER, SC=0x20)
    if protected:
        hdr.FCfield |= 0x40
    b = raw(hdr)
    if qos:
        b += struct.pack("<H", 0)
    return b + snap(ip_bytes)


def amsdu_frame(ip_bytes):
    """A 4-address QoS data frame whose payload is an A-MSDU: a non-IP subframe
    (LLC with the STP SAP), then the TCP segment."""
    hdr = raw(Dot11(type=2, subtype=8, FCfield="to-DS+from-DS", addr1=AP, addr2=ROUTER, addr3=STA, addr4=ROUTER, SC=0x30))
    qos = struct.pack("<H", 0x0080)  # A-MSDU present
    def sub(payload, last):
        b = bytes.fromhex(STA.replace(":", "")) + bytes.fromhex(ROUTER.replace(":", "")) + struct.pack(">H", len(payload)) + payload
        return b if last else b + b"\0" * (-len(b) % 4)
    stp = bytes([0x42, 0x42, 0x03]) + b"\0" * 35
    return hdr + qos + sub(stp, False) + sub(snap(ip_bytes), True)


def fcs(b):
    import zlib
    return b + struct.pack("<I", zlib.crc32(b) & 0xffffffff)


def write(outdir, name, linktype, frames):
    path = os.path.join(outdir, name)
    pkts = []
    for i, f in enumerate(frames):
        p = Raw(f)
        p.time = 1700000000 + i * 0.01
        pkts.append(p)
    wrpcap(path, pkts, linktype=linktype)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

    conv = conversation("ieee80211-105")
    beacon = raw(Dot11(type=0, subtype=8, addr1="ff:ff:ff:ff:ff:ff", addr2=AP, addr3=AP) / Dot11Beacon() / Dot11Elt(ID=0, info=b"tcpflow"))
    null_data = raw(Dot11(type=2, subtype=4, FCfield="to-DS", addr1=AP, addr2=STA, addr3=AP))
    frames = [beacon] + [dot11(fc, b) for fc, b in conv]
    frames.insert(5, null_data)
    frames.insert(7, dot11(True, conv[3][1].replace(b"GET", b"PUT"), protected=True))
    write(outdir, "crafted-link-ieee80211-105.pcap", 105, frames)

    conv = conversation("radiotap-qos-127")
    # TSFT (8 bytes, aligned to 8 after the present word) and flags 0x10: FCS at the end.
    rt = struct.pack("<BBHI", 0, 0, 8 + 4 + 8 + 1 + 1, 0x3) + b"\0" * 4 + struct.pack("<Q", 12345) + bytes([0x10, 0])
    rt = struct.pack("<BBHI", 0, 0, len(rt), 0x3) + rt[8:]
    frames = []
    for i, (fc, b) in enumerate(conv):
        body = amsdu_frame(b) if i == 6 else dot11(fc, b, qos=True, four=not fc)
        frames.append(rt + fcs(body))
    write(outdir, "crafted-link-radiotap-qos-127.pcap", 127, frames)

    conv = conversation("prism-119")
    write(outdir, "crafted-link-prism-119.pcap", 119,
          [raw(PrismHeader(dev=b"wlan0")) + dot11(fc, b) for fc, b in conv])

    conv = conversation("avs-163")
    avs = struct.pack(">II", 0x80211001, 64) + b"\0" * 56
    write(outdir, "crafted-link-avs-163.pcap", 163, [avs + dot11(fc, b) for fc, b in conv])

    conv = conversation("ppi-192")
    write(outdir, "crafted-link-ppi-192.pcap", 192, [raw(PPI(dlt=105)) + dot11(fc, b) for fc, b in conv])

    conv = conversation("ethernet-llc-snap")
    frames = []
    for fc, b in conv:
        d, s = (ROUTER, STA) if fc else (STA, ROUTER)
        payload = snap(b)
        f = raw(Dot3(dst=d, src=s, len=len(payload))) + payload
        frames.append(f + b"\x55" * max(0, 60 - len(f)))  # Ethernet padding: not stream data
    write(outdir, "crafted-link-ethernet-llc-snap.pcap", 1, frames)

    conv = conversation("pflog-117", v6=True)
    write(outdir, "crafted-link-pflog-117.pcap", 117,
          [raw(PFLog(addrfamily=24, action=0, reason=0, iface="em0", ruleset="", rulenumber=1, direction=1 if fc else 2)) + b
           for fc, b in conv])

    conv = conversation("token-ring-6")
    frames = []
    for fc, b in conv:
        da, sa = (bytes.fromhex("00aabbccdd02"), bytes.fromhex("00aabbccdd01")) if fc else (bytes.fromhex("00aabbccdd01"), bytes.fromhex("80aabbccdd02"))
        rif = b"" if fc else bytes([0x06, 0x30, 0x00, 0x10, 0x00, 0x20])  # 6-byte routing field
        frames.append(bytes([0x10, 0x40]) + da + sa + rif + snap(b))
    write(outdir, "crafted-link-token-ring-6.pcap", 6, frames)

    conv = conversation("ppp-hdlc-50")
    write(outdir, "crafted-link-ppp-hdlc-50.pcap", 50, [b"\xff\x03\x00\x21" + b for fc, b in conv])

    conv = conversation("gprs-llc-169")
    frames = []
    for i, (fc, b) in enumerate(conv):
        llc_hdr = bytes([0x03, 0xc0 | (i >> 6 & 0x1), (i << 2) & 0xfc])  # SAPI 3, UI, N(U) = i
        sndcp = bytes([0x65, 0x00, 0x00, i & 0xff])  # F, T, NSAPI 5; no compression; N-PDU i
        frames.append(llc_hdr + sndcp + b + b"\0\0\0")  # FCS (not checked by readers)
    write(outdir, "crafted-link-gprs-llc-169.pcap", 169, frames)

    conv = conversation("ipnet-226")
    write(outdir, "crafted-link-ipnet-226.pcap", 226,
          [struct.pack(">BBHIIIII", 2, 2, 0, len(b), 2, 0, 0, 0) + b for fc, b in conv])

    conv = conversation("pktap-258")
    frames = []
    for fc, b in conv:
        d, s = (ROUTER, STA) if fc else (STA, ROUTER)
        hdr = struct.pack("<III", 108, 1, 1) + b"\0" * 96  # length 108, a packet follows, DLT_EN10MB
        frames.append(hdr + raw(Ether(dst=d, src=s, type=0x0800)) + b)
    write(outdir, "crafted-link-pktap-258.pcap", 258, frames)

    conv = conversation("erf-197")
    frames = []
    for i, (fc, b) in enumerate(conv):
        d, s = (ROUTER, STA) if fc else (STA, ROUTER)
        eth = b"\0\0" + raw(Ether(dst=d, src=s, type=0x0800)) + b
        ext = struct.pack(">BBHI", 0x01, 0, 0, 42) if fc else b""  # one extension header (last)
        body = ext + eth
        pad = b"" if fc else b"\0" * (-(16 + len(body)) % 8)
        ts = struct.pack("<Q", (1700000000 + i) << 32)
        hdr = ts + struct.pack(">BBHHH", 0x82 if fc else 0x02, 0x04, 16 + len(body) + len(pad), 0, len(eth) - 2)
        frames.append(hdr + body + pad)
    write(outdir, "crafted-link-erf-197.pcap", 197, frames)


if __name__ == "__main__":
    main()
