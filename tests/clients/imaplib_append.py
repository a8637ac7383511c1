"""APPEND through Python's imaplib, timing each command.

imaplib sends a synchronising literal's octets and the command's closing CRLF in two separate
writes, with Nagle's algorithm on (it never sets TCP_NODELAY). If the server delays its ACK of
the literal, the client's kernel holds the CRLF back until that ACK comes: ~40 ms per APPEND on
Linux. Prints one line: the per-APPEND times in milliseconds, space-separated.
"""
import imaplib
import sys
import time

port, count = int(sys.argv[1]), int(sys.argv[2])
M = imaplib.IMAP4('127.0.0.1', port)
M.login('alice', 'wonderland')
body = b'From: a@example.org\r\nSubject: timing\r\n\r\n' + b'x' * 400 + b'\r\n'
times = []
for i in range(count):
    t = time.perf_counter()
    typ, _ = M.append('INBOX', None, None, body)
    times.append((time.perf_counter() - t) * 1000)
    if typ != 'OK':
        print('FAIL append', i, typ)
        sys.exit(1)
M.logout()
print(' '.join('%.2f' % t for t in times))
