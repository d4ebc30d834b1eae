#!/usr/bin/env python3
"""kill9_run.py -- feed flowgen's capture to tcpflow through a paced pipe, kill -9 it, judge
what it left (stdlib only). Used by kill9.sh, one call per case.

usage: kill9_run.py run GEN OUT KILL_AT SECONDS BOUND TCPFLOW [ARGS...]
           feed GEN/flows.pcap over SECONDS to `TCPFLOW -r - -o OUT ARGS`, kill -9 at KILL_AT s;
           write OUT.verdict.json: the flows that must be complete (their last packet went
           into the pipe more than BOUND + margin before the kill) and the bytes each flow
           must have on disk by then.
       kill_run.py check GEN OUT REPAIRED_REPORT
           every flow file is a prefix of its stream; the must-complete flows have their whole
           file and a record naming it with its size; each flow has at least its must-have
           bytes. Prints one line saying what failed; exit 1 then.

Until tcpflow's stdin reader streams, it reads the pipe in 64 KiB pieces: chunks are 256 KiB,
so the bytes a chunk carries reach tcpflow before the next one is written.
"""
import json, os, signal, subprocess, sys, time
import xml.etree.ElementTree as ET

MARGIN = 1.5  # seconds of slack for a loaded machine (2 shared cores) on top of the bound
CHUNK = 256 << 10


def run(gen, out, kill_at, seconds, bound, cmd):
    pcap = open(os.path.join(gen, 'flows.pcap'), 'rb').read()
    packets = json.load(open(os.path.join(gen, 'packets.json')))
    p = subprocess.Popen(cmd + ['-r', '-', '-o', out], stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    sent_at = []  # (end offset of the chunk, time it was written)
    pos = 0
    per_chunk = seconds * CHUNK / len(pcap)
    killed_at = None
    while pos < len(pcap):
        due = start + len(sent_at) * per_chunk
        if due >= start + kill_at:
            break
        time.sleep(max(0.0, due - time.monotonic()))
        try:
            p.stdin.write(pcap[pos:pos + CHUNK])
            p.stdin.flush()
        except BrokenPipeError:
            break
        pos = min(len(pcap), pos + CHUNK)
        sent_at.append((pos, time.monotonic()))
    time.sleep(max(0.0, start + kill_at - time.monotonic()))
    killed_at = time.monotonic()
    p.send_signal(signal.SIGKILL)
    p.wait()
    try:
        p.stdin.close()
    except BrokenPipeError:
        pass
    # A packet counts as sent when the chunk holding its last byte was written before the deadline.
    deadline = killed_at - bound - MARGIN
    safe_end = max([end for end, t in sent_at if t <= deadline], default=0)
    complete, must_have = [], {}
    for name, sent, done, end in packets:
        if end > safe_end:
            break
        must_have[name] = sent
        if done:
            complete.append(name)
    json.dump({'complete': complete, 'must_have': must_have, 'exit': p.returncode,
               'bytes_fed': pos}, open(out + '.verdict.json', 'w'))
    print('killed at %.1fs after %d bytes; %d flows must be complete' % (killed_at - start, pos, len(complete)))


def check(gen, out, report):
    v = json.load(open(out + '.verdict.json'))
    exp_dir = os.path.join(gen, 'expected')
    expected = {n: open(os.path.join(exp_dir, n), 'rb').read() for n in os.listdir(exp_dir)}
    on_disk = {}
    for n in os.listdir(out):
        # the output-folder lock stays after kill -9 (flock itself is released by the kernel)
        if n in ('report.xml', '.tcpflow.lock') or n.endswith('.repaired'):
            continue
        data = open(os.path.join(out, n), 'rb').read()
        if n not in expected:
            return 'unexpected file %s' % n
        if not expected[n].startswith(data):
            return '%s (%d bytes) is not a prefix of its stream' % (n, len(data))
        on_disk[n] = data
    try:
        root = ET.parse(report).getroot()
    except ET.ParseError as e:
        return 'the repaired report does not parse: %s' % e
    records = {}
    for fo in root.iter('fileobject'):
        fn, fs = fo.find('filename'), fo.find('filesize')
        if fn is not None and fs is not None:
            records[os.path.basename(fn.text)] = int(fs.text)
    for n in v['complete']:
        if on_disk.get(n) != expected[n]:
            return '%s ended long before the kill but its file holds %d of %d bytes' % (
                n, len(on_disk.get(n, b'')), len(expected[n]))
        if records.get(n) != len(expected[n]):
            return '%s ended long before the kill but its record is %s' % (n, records.get(n, 'missing'))
    for n, want in v['must_have'].items():
        if len(on_disk.get(n, b'')) < want:
            return '%s sent %d bytes long before the kill but its file holds %d' % (
                n, want, len(on_disk.get(n, b'')))
    if v['exit'] != -signal.SIGKILL:
        return 'tcpflow was not killed (status %s): make the capture longer' % v['exit']
    print('%d files checked, %d flows complete with records, %d records in all' % (
        len(on_disk), len(v['complete']), len(records)))
    return None


if __name__ == '__main__':
    if sys.argv[1] == 'run':
        run(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), sys.argv[7:])
    else:
        problem = check(sys.argv[2], sys.argv[3], sys.argv[4])
        if problem:
            print(problem)
            sys.exit(1)
