#!/usr/bin/env python3
"""Independent ground truth for the netviz end-to-end test.

Reads a classic pcap file (not pcapng) with nothing but the standard library
and prints what the netviz report must state, one `name value` per line:
  packets N / bytes N            records and their original (wire) lengths
  src_top ADDR BYTES [tie]       busiest source address by wire bytes
  dst_top ADDR BYTES [tie]       busiest destination address
  dport_top PORT BYTES [tie]     busiest TCP/UDP destination port
"tie" marks a first place shared with another key.
Also: `python3 pcap_truth.py --write-empty OUT` and
`python3 pcap_truth.py --write-first IN OUT` make the empty and one-packet captures.
"""
import socket
import struct
import sys
from collections import Counter


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit("not a classic pcap file: " + path)
    linktype = struct.unpack(end + "I", data[20:24])[0] & 0x0FFFFFFF
    off = 24
    records = []
    while off + 16 <= len(data):
        _, _, incl, orig = struct.unpack(end + "IIII", data[off:off + 16])
        records.append((data[off + 16:off + 16 + incl], orig))
        off += 16 + incl
    return data[:24], linktype, records, end


def network_layer(linktype, frame):
    """(ethertype-ish, payload) of the network layer, or (None, None)."""
    if linktype == 1:  # Ethernet, with any stack of VLAN tags
        if len(frame) < 14:
            return None, None
        etype, p = struct.unpack(">H", frame[12:14])[0], frame[14:]
        while etype in (0x8100, 0x88A8, 0x9100) and len(p) >= 4:
            etype, p = struct.unpack(">H", p[2:4])[0], p[4:]
        return etype, p
    if linktype == 113 and len(frame) >= 16:  # Linux cooked
        return struct.unpack(">H", frame[14:16])[0], frame[16:]
    if linktype in (0, 108) and len(frame) >= 4:  # BSD loopback, either byte order
        fam = {struct.unpack("<I", frame[:4])[0], struct.unpack(">I", frame[:4])[0]}
        if 2 in fam:
            return 0x0800, frame[4:]
        if fam & {24, 28, 30}:
            return 0x86DD, frame[4:]
        return None, None
    if linktype in (12, 14, 101, 228, 229) and frame:  # raw IP
        return (0x0800 if frame[0] >> 4 == 4 else 0x86DD), frame
    return None, None


def addresses_and_dport(etype, p):
    if etype == 0x0800 and len(p) >= 20:
        ihl = (p[0] & 15) * 4
        src, dst = socket.inet_ntop(socket.AF_INET, p[12:16]), socket.inet_ntop(socket.AF_INET, p[16:20])
        first = (struct.unpack(">H", p[6:8])[0] & 0x1FFF) == 0
        proto, l4 = p[9], p[ihl:]
        dport = struct.unpack(">H", l4[2:4])[0] if first and proto in (6, 17) and len(l4) >= 4 else None
        return src, dst, dport
    if etype == 0x86DD and len(p) >= 40:
        src, dst = socket.inet_ntop(socket.AF_INET6, p[8:24]), socket.inet_ntop(socket.AF_INET6, p[24:40])
        proto, l4 = p[6], p[40:]
        dport = struct.unpack(">H", l4[2:4])[0] if proto in (6, 17) and len(l4) >= 4 else None
        return src, dst, dport
    return None, None, None


def top_line(name, counter):
    if not counter:
        return "%s none 0" % name
    ranked = counter.most_common()
    key, n = ranked[0]
    tie = len(ranked) > 1 and ranked[1][1] == n
    return "%s %s %d%s" % (name, key, n, " tie" if tie else "")


def truth(path):
    _, linktype, records, _ = read_pcap(path)
    src, dst, dport = Counter(), Counter(), Counter()
    for frame, orig in records:
        etype, p = network_layer(linktype, frame)
        s, d, dp = addresses_and_dport(etype, p) if p is not None else (None, None, None)
        if s:
            src[s] += orig
            dst[d] += orig
        if dp is not None:
            dport[dp] += orig
    print("packets", len(records))
    print("bytes", sum(orig for _, orig in records))
    print(top_line("src_top", src))
    print(top_line("dst_top", dst))
    print(top_line("dport_top", dport))


def write_first(src_path, out_path, count):
    header, _, records, end = read_pcap(src_path)
    with open(out_path, "wb") as f:
        f.write(header)
        for frame, orig in records[:count]:
            f.write(struct.pack(end + "IIII", 1368627667, 0, len(frame), orig) + frame)


if __name__ == "__main__":
    if sys.argv[1] == "--write-empty":
        with open(sys.argv[2], "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    elif sys.argv[1] == "--write-first":
        write_first(sys.argv[2], sys.argv[3], 1)
    else:
        truth(sys.argv[1])
