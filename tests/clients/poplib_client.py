"""Python's poplib against the bridge's POP3 port, then imaplib on its IMAP port to check
that what POP3 changed is what IMAP sees (one store). Usage: poplib_client.py POP3 IMAP.
Prints "ok <step>" per step, "FAIL <step>: <why>" on a mismatch."""
import imaplib
import poplib
import sys

pop_port, imap_port = int(sys.argv[1]), int(sys.argv[2])


def check(step, cond, why=""):
    print(("ok " if cond else "FAIL ") + step + ("" if cond else ": " + why))
    if not cond:
        sys.exit(1)


p = poplib.POP3("127.0.0.1", pop_port, timeout=10)
check("greeting", p.getwelcome().startswith(b"+OK"), repr(p.getwelcome()))
caps = p.capa()
check("capa", "UIDL" in caps and "TOP" in caps and caps.get("SASL") == ["PLAIN", "LOGIN"], repr(caps))
p.user("alice")
p.pass_("wonderland")
count, size = p.stat()
check("stat", (count, size) == (14, 12474), repr((count, size)))
resp, listing, _ = p.list()
sizes = dict(l.split() for l in listing)
check("list", len(listing) == 14 and sizes[b"9"] == b"5250", repr(listing))
resp, uidls, _ = p.uidl()
first_uidl = uidls[0].split()[1]
check("uidl", len(uidls) == 14 and first_uidl == b"00000001" + format(1700000001, "08x").encode(), repr(uidls[:2]))
resp, top, _ = p.top(2, 1)
check("top", any(l.startswith(b"Subject:") for l in top) and top[-2] == b"" and len(top[top.index(b"") + 1:]) == 1, repr(top))
resp, lines, octets = p.retr(1)
check("retr", b"Subject: Hello Alice" in lines and octets >= 388, repr(resp))
resp, lines, _ = p.retr(3)
check("retr 3", resp.startswith(b"+OK 685"), repr(resp))
check("dele", p.dele(1).startswith(b"+OK"))
try:
    p.retr(1)
    check("retr deleted", False, "RETR of a deleted message succeeded")
except poplib.error_proto as e:
    check("retr deleted", b"deleted" in e.args[0], repr(e.args))

# Before QUIT the message is only marked: IMAP still has it.
m = imaplib.IMAP4("127.0.0.1", imap_port)
m.login("alice", "wonderland")
typ, data = m.select("INBOX")
check("imap before quit", data[0] == b"14", repr(data))
m.logout()

check("quit", p.quit().startswith(b"+OK Logging out, messages deleted."))

m = imaplib.IMAP4("127.0.0.1", imap_port)
m.login("alice", "wonderland")
typ, data = m.select("INBOX")
check("imap after quit", data[0] == b"13", repr(data))
typ, data = m.uid("SEARCH", "SUBJECT", '"Hello Alice"')
check("imap message gone", data == [b""], repr(data))
typ, data = m.uid("FETCH", "3", "(FLAGS)")
check("imap retr seen", b"\\Seen" in data[0], repr(data))
m.logout()

# A new POP3 session sees 13 messages; UIDLs of the others did not change.
p = poplib.POP3("127.0.0.1", pop_port, timeout=10)
p.user("alice")
p.pass_("wonderland")
resp, uidls, _ = p.uidl()
check("uidl stable", len(uidls) == 13 and uidls[0].split()[1].startswith(b"00000002"), repr(uidls[:2]))
p.quit()
print("ok done")
