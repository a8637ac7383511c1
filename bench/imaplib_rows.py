"""Real client traffic for `npm run bench`: Python's imaplib against two servers, row by row.

usage: imaplib_rows.py MESSAGES_FILE N PORT:USER:PASS [PORT:USER:PASS]

Each server gets a fresh mailbox "Bench", filled by N imaplib APPENDs (the literal and its
closing CRLF sent as imaplib sends them), then every row is run on each server in turn, the
order swapped from one repetition to the next so neither server always goes first. Prints one
JSON object per row: {"row": ..., "ms": [server1_ms, server2_ms]} with the median time.
"""
import imaplib
import json
import statistics
import sys
import time

messages_file, n = sys.argv[1], int(sys.argv[2])
servers = [s.split(':') for s in sys.argv[3:]]
messages = open(messages_file, 'rb').read().split(b'\0')[:n]

clients = []
for port, user, password in servers:
    M = imaplib.IMAP4('127.0.0.1', int(port))
    M.login(user, password)
    M.delete('Bench')
    M.delete('Bench-copy')
    typ, data = M.create('Bench')
    assert typ == 'OK', data
    typ, data = M.create('Bench-copy')
    assert typ == 'OK', data
    clients.append(M)


def emit(row, times):
    print(json.dumps({'row': row, 'ms': times}), flush=True)


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


def timed(M, fn):
    t = time.perf_counter()
    typ, data = fn(M)
    ms = (time.perf_counter() - t) * 1000
    assert typ == 'OK', (typ, data)
    return ms


def row(name, fn, repeat=5):
    runs = [[] for _ in clients]
    for r in range(repeat):
        order = list(range(len(clients)))
        if r % 2:
            order.reverse()
        for i in order:
            runs[i].append(timed(clients[i], fn))
    emit(name, [statistics.median(x) for x in runs])


row('SELECT', lambda M: M.select('Bench'))
row('FETCH 1:* (FLAGS ENVELOPE)', lambda M: M.fetch('1:*', '(FLAGS ENVELOPE)'))
row('FETCH 1:* BODYSTRUCTURE', lambda M: M.fetch('1:*', 'BODYSTRUCTURE'))
row('FETCH 1:* BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)]', lambda M: M.fetch('1:*', '(BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])'))
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
