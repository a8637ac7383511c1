#!/usr/bin/env python3
"""Python's imaplib against a native IMAP4rev2 server (RFC 9051) over the bridge.

Usage: imaplib_rev2.py PORT   (one line per step: "ok <step> <detail>"; "FAIL ..." and exit 1)

imaplib (3.11) predates RFC 9051: it knows the protocol names IMAP4REV1 and IMAP4 only and
refuses a server that offers neither, so the first step shows that, and the session then
adds IMAP4REV2 to imaplib.AllowedVersions. It also reads only `* SEARCH` answers, while a
rev2 server answers `* ESEARCH`: the search steps read that response themselves.
"""
import imaplib
import re
import sys
import time

port = int(sys.argv[1])


def check(step, cond, detail=""):
    if not cond:
        print(f"FAIL {step} {detail}")
        sys.exit(1)
    print(f"ok {step} {detail}".rstrip())


try:
    imaplib.IMAP4("127.0.0.1", port, timeout=10)
    check("stock-imaplib-refuses", False, "imaplib accepted a server without IMAP4rev1")
except imaplib.IMAP4.error as e:
    check("stock-imaplib-refuses", "not IMAP4 compliant" in str(e), str(e))

imaplib.AllowedVersions = ("IMAP4REV2",) + imaplib.AllowedVersions
M = imaplib.IMAP4("127.0.0.1", port, timeout=10)
check("greeting", M.PROTOCOL_VERSION == "IMAP4REV2", " ".join(M.capabilities))
typ, _ = M.login("alice", "wonderland")
check("login", typ == "OK")
typ, data = M.list()
names = [l.decode().rsplit(" ", 1)[-1].strip('"') for l in data]
check("list", typ == "OK" and "INBOX" in names and "Work/Projects" in names, ",".join(names))
typ, data = M.select("INBOX")
check("select", typ == "OK" and data[0] == b"14", data[0].decode())
check("no-recent", M.response("RECENT") == ("RECENT", [None]))
typ, data = M.fetch("1:3", "(FLAGS ENVELOPE)")
check("fetch-envelope", typ == "OK" and len([d for d in data if d]) >= 3)
typ, data = M.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
check("fetch-header-fields", typ == "OK" and b"Subject:" in data[0][1])
typ, data = M.fetch("9", "(BODY.PEEK[TEXT]<0.20>)")
check("fetch-partial", typ == "OK" and len(data[0][1]) == 20)
try:
    M.fetch("1", "(RFC822)")
    check("rfc822-removed", False, "RFC822 answered")
except imaplib.IMAP4.error as e:
    check("rfc822-removed", "RFC822" in str(e), str(e))


def esearch(*criteria):
    typ, data = M.search(None, *criteria)
    _, found = M.response("ESEARCH")
    return typ, data, found


typ, data, found = esearch("FROM", '"bob"')
check("search", typ == "OK" and data == [None] and found and b"ALL" in found[-1], repr(found))
typ, data = M.uid("SEARCH", "UNSEEN")
_, found = M.response("ESEARCH")
check("uid-search", typ == "OK" and found and b"UID" in found[-1], repr(found))
typ, data = M.store("3", "+FLAGS", "(\\Flagged)")
check("store", typ == "OK" and b"\\Flagged" in data[0], data[0].decode())
typ, data = M.copy("1:2", "Archive")
check("copy", typ == "OK" and b"COPYUID" in data[0], data[0].decode())
typ, data = M._simple_command("MOVE", "3", "Trash")
check("move", typ == "OK")
msg = b"From: Py <py@example.org>\r\nSubject: from imaplib\r\n\r\nHello.\r\n"
typ, data = M.append("INBOX", "(\\Seen)", imaplib.Time2Internaldate(time.time()), msg)
check("append", typ == "OK" and b"APPENDUID" in data[0], data[0].decode())
typ, data = M.store("1", "+FLAGS", "(\\Deleted)")
typ, data = M.expunge()
check("expunge", typ == "OK" and data[0] is not None, repr(data))
typ, data = M.status("Archive", "(MESSAGES UIDNEXT DELETED SIZE)")
check("status", typ == "OK" and b"MESSAGES 4" in data[0] and b"SIZE" in data[0], data[0].decode())
# imaplib writes command lines in ASCII: a UTF-8 name goes as a literal.
M.literal = "Grüße".encode()
typ, data = M._simple_command("CREATE")
check("create-utf8", typ == "OK", repr(data))
typ, data = M.list('""', "Gr*")
# imaplib collects every untagged LIST: the one a rev2 SELECT sent comes first.
check("list-utf8", typ == "OK" and any("Grüße".encode() in d for d in data), repr(data))
try:
    M.lsub()
    check("lsub-removed", False, "LSUB answered")
except imaplib.IMAP4.error as e:
    check("lsub-removed", "LSUB" in str(e), str(e))
M.close()
typ, data = M.logout()
check("logout", typ == "BYE")
