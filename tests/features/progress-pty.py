#!/usr/bin/env python3
"""progress-pty.py TCPFLOW CAPTURE OUTDIR MODE [ARGS...]

Runs tcpflow reading CAPTURE from a pipe fed slowly (the pcap header and half the bytes,
a pause of PAUSE seconds, then the rest), with stderr on a pseudo-terminal (MODE=pty) or a
pipe (MODE=pipe), and prints what tcpflow wrote on stderr, as Python repr, to stdout.
Exit status: tcpflow's."""
import os
import pty
import subprocess
import sys
import time

tcpflow, capture, outdir, mode = sys.argv[1:5]
extra = sys.argv[5:]
pause = float(os.environ.get('PAUSE', '1.2'))
data = open(capture, 'rb').read()
if mode == 'pty':
    master, slave = pty.openpty()
    err = slave
else:
    rd, wr = os.pipe()
    master, err = rd, wr
p = subprocess.Popen([tcpflow, '-r', '-', '-o', outdir] + extra, stdin=subprocess.PIPE,
                     stdout=subprocess.DEVNULL, stderr=err)
os.close(err)
half = len(data) // 2
p.stdin.write(data[:half])
p.stdin.flush()
time.sleep(pause)
p.stdin.write(data[half:])
p.stdin.close()
out = b''
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the terminal's last writer is gone
        break
    if not chunk:
        break
    out += chunk
rc = p.wait(timeout=60)
print(repr(out))
sys.exit(rc)
