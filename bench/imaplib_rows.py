"""Real client traffic for `npm run bench`: Python's imaplib against two servers, row by row.

usage: imaplib_rows.py MESSAGES_FILE N PORT:USER:PASS[:PID] [PORT:USER:PASS[:PID]]

Each server gets a fresh mailbox "Bench", filled by N imaplib APPENDs (the literal and its
closing CRLF sent as imaplib sends them), then every row is run on each server in turn, the
order swapped from one repetition to the next so neither server always goes first. Prints one
JSON object per row: {"row": ..., "ms": [server1_ms, ...], "cpu": [server1_cpu_ms, ...]} with
median times. "cpu" is the CPU time the server's processes (PID and its descendants, read from
Linux's /proc/*/task/*/schedstat) spent on the row, null where unknown: the FETCH 1:* rows are
mostly imaplib's own parsing, so what a server costs shows there rather than in the time.
"""
import imaplib
import json
import os
import statistics
import sys
import time

messages_file, n = sys.argv[1], int(sys.argv[2])
servers = [s.split(':') for s in sys.argv[3:]]
messages = open(messages_file, 'rb').read().split(b'\0')[:n]


def tree_cpu_ns(root):
    """CPU time of process `root` and its descendants so far (ns), or None off Linux."""
    if root is None or not os.path.exists('/proc/%d' % root):
        return None
    children = {}
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            stat = open('/proc/%s/stat' % p).read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(')') + 2:].split()[1])
        children.setdefault(ppid, []).append(int(p))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for t in os.listdir('/proc/%d/task' % pid):
                total += int(open('/proc/%d/task/%s/schedstat' % (pid, t)).read().split()[0])
        except OSError:
            pass
    return total


clients = []
roots = []
for spec in servers:
    port, user, password = spec[:3]
    roots.append(int(spec[3]) if len(spec) > 3 and spec[3] else None)
    M = imaplib.IMAP4('127.0.0.1', int(port))
    M.login(user, password)
    M.delete('Bench')
    M.delete('Bench-copy')
    typ, data = M.create('Bench')
    assert typ == 'OK', data
    typ, data = M.create('Bench-copy')
    assert typ == 'OK', data
    clients.append(M)


def emit(row, times, cpu=None, kind='client'):
    print(json.dumps({'row': row, 'ms': times, 'cpu': cpu or [None] * len(times), 'kind': kind}), flush=True)


# APPEND: in slices of 500, alternating servers, so a noisy minute hits both alike.
append_ms = [0.0] * len(clients)
for start in range(0, n, 500):
    for i, M in enumerate(clients):
        t = time.perf_counter()
        for k in range(start, min(n, start + 500)):
            typ, data = M.append('Bench', None if k % 3 == 0 else '(\\Seen)', None, messages[k])
            assert typ == 'OK', data
        append_ms[i] += (time.perf_counter() - t) * 1000
emit('APPEND ×%d' % n, append_ms)

for M in clients:
    typ, data = M.select('Bench')
    assert typ == 'OK', data


def timed(M, fn, root):
    c = tree_cpu_ns(root)
    t = time.perf_counter()
    typ, data = fn(M)
    ms = (time.perf_counter() - t) * 1000
    c2 = tree_cpu_ns(root)
    assert typ == 'OK', (typ, data)
    return ms, None if c is None or c2 is None else (c2 - c) / 1e6


def row(name, fn, repeat=5, kind='client'):
    """Each server in turn, `repeat` times (order reversed every other time); the median of each.
    A row whose first run takes under 10 ms on both servers gets 21 runs: at that scale one run
    that meets a not-yet-warm code path (V8 compiles a function after its first calls) or a
    scheduler hiccup would otherwise decide the median."""
    runs = [[] for _ in clients]
    cpus = [[] for _ in clients]
    r = 0
    while r < repeat:
        order = list(range(len(clients)))
        if r % 2:
            order.reverse()
        for i in order:
            ms, cpu = timed(clients[i], fn, roots[i])
            runs[i].append(ms)
            cpus[i].append(cpu)
        if r == 0 and repeat > 1 and all(x[0] < 10 for x in runs):
            repeat = 21
        r += 1
    emit(name, [statistics.median(x) for x in runs], [None if None in x else statistics.median(x) for x in cpus], kind)


row('SELECT', lambda M: M.select('Bench'))
# SORT and THREAD (RFC 5256) first, before any row has read the headers: the first run is
# what a client waits for when it opens a large mailbox sorted or threaded; then the median.
row('SORT (SUBJECT) UTF-8 ALL, first run', lambda M: M.sort('(SUBJECT)', 'UTF-8', 'ALL'), repeat=1)
row('SORT (SUBJECT) UTF-8 ALL', lambda M: M.sort('(SUBJECT)', 'UTF-8', 'ALL'))
row('THREAD REFERENCES UTF-8 ALL, first run', lambda M: M.thread('REFERENCES', 'UTF-8', 'ALL'), repeat=1)
row('THREAD REFERENCES UTF-8 ALL', lambda M: M.thread('REFERENCES', 'UTF-8', 'ALL'))
# The FETCH 1:* rows are imaplib's own parsing: its CPU time is nearly all of the row on either
# server, which then differ only by how soon the answer starts (under a millisecond in ~50). A
# median of 5 would be decided by the noise; 21 runs each, alternating, measure that difference.
row('FETCH 1:* (FLAGS ENVELOPE)', lambda M: M.fetch('1:*', '(FLAGS ENVELOPE)'), repeat=21)
row('FETCH 1:* BODYSTRUCTURE', lambda M: M.fetch('1:*', 'BODYSTRUCTURE'), repeat=21)
row('FETCH 1:* BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)]', lambda M: M.fetch('1:*', '(BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])'), repeat=21)
# The same answers to a reader that only reads (no parsing): the time from sending the command
# to holding the whole answer, tagged OK included. This is the server's own speed, which the
# rows above cannot show while imaplib's parsing is the slower of the two.
raw_tags = iter(range(1, 1 << 30))


def delivered(items):
    def run(M):
        tag = b'R%d' % next(raw_tags)
        M.send(b'%s FETCH 1:* %s\r\n' % (tag, items))
        end, tail = b'\r\n' + tag + b' ', b''
        while True:
            chunk = M.sock.recv(1 << 20)
            assert chunk, 'connection closed'
            tail = (tail + chunk)[-4096:]
            at = tail.rfind(end)
            if at != -1 and tail.endswith(b'\r\n') and tail.find(b'\r\n', at + 2) == len(tail) - 2:
                assert tail[at + len(end):].startswith(b'OK'), tail[at:]
                return 'OK', None
    return run


for label, items in (('(FLAGS ENVELOPE)', b'(FLAGS ENVELOPE)'), ('BODYSTRUCTURE', b'BODYSTRUCTURE'), ('BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)]', b'(BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])')):
    row('FETCH 1:* %s, read without parsing' % label, delivered(items), repeat=21, kind='delivery')
row('SEARCH TEXT', lambda M: M.search(None, 'TEXT', '"croquet"'))
row('mixed SEARCH', lambda M: M.search(None, 'UNSEEN', 'FROM', '"bob"', 'SINCE', '1-Feb-2024', 'NOT', 'SUBJECT', '"rabbit"'))
flagged = {}


def store_toggle(M):
    # Every run really changes all N messages (\Flagged on, then off, …): a STORE that changes
    # nothing would measure only a round trip.
    on = flagged.get(id(M), False)
    flagged[id(M)] = not on
    return M.store('1:*', '-FLAGS' if on else '+FLAGS', '(\\Flagged)')


row('STORE 1:* +FLAGS / -FLAGS (\\Flagged), every message changing', store_toggle, repeat=4)
row('UID SEARCH SUBJECT', lambda M: M.uid('SEARCH', 'SUBJECT', '"rabbit"'))

# CONDSTORE resync (RFC 7162 §3.1.4.1): a client that was away asks only for what changed. Each
# server's HIGHESTMODSEQ is read, 100 messages spread over the mailbox are changed (one STORE),
# then FETCH 1:* (FLAGS) (CHANGEDSINCE m) must return exactly those 100.
since = {}
changed = ','.join(str(k) for k in range(max(1, n // 100), n + 1, max(1, n // 100)))
for M in clients:
    typ, data = M.status('Bench', '(HIGHESTMODSEQ)')
    assert typ == 'OK', data
    since[id(M)] = int(data[-1].decode().split('HIGHESTMODSEQ ')[1].rstrip(')'))
    typ, data = M.store(changed, '+FLAGS.SILENT', '(\\Answered)')
    assert typ == 'OK', data


def resync(M):
    typ, data = M.fetch('1:*', '(FLAGS) (CHANGEDSINCE %d)' % since[id(M)])
    assert len([d for d in data if d]) == len(changed.split(',')), (len(data), data[:3])
    return typ, data


row('FETCH 1:* (FLAGS) (CHANGEDSINCE m), 100 of %d changed (CONDSTORE resync)' % n, resync)
row('COPY 1:1000', lambda M: M.copy('1:1000', 'Bench-copy'), repeat=3)

for M in clients:
    M.close()
    M.delete('Bench')
    M.delete('Bench-copy')
    M.logout()
