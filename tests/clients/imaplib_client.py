#!/usr/bin/env python3
"""A real client session against the bridge: Python's imaplib, the way a script would use it.

Usage: imaplib_client.py PORT   (prints one line per step: "ok <step> <detail>"; exits 1 on
the first failure with "FAIL <step> <detail>").
"""
import imaplib
import sys
import time

port = int(sys.argv[1])


def check(step, cond, detail=""):
    if not cond:
        print(f"FAIL {step} {detail}")
        sys.exit(1)
    print(f"ok {step} {detail}".rstrip())


M = imaplib.IMAP4("127.0.0.1", port, timeout=10)
check("greeting", "IMAP4REV1" in M.capabilities, " ".join(M.capabilities))
typ, _ = M.login("alice", "wonderland")
check("login", typ == "OK")
typ, data = M.list()
names = [l.decode().rsplit(" ", 1)[-1].strip('"') for l in data]
check("list", typ == "OK" and "INBOX" in names and "Work/Projects" in names, ",".join(names))
typ, data = M.select("INBOX")
check("select", typ == "OK" and data[0] == b"14", data[0].decode())
typ, data = M.fetch("1:3", "(FLAGS ENVELOPE)")
check("fetch-envelope", typ == "OK" and len([d for d in data if isinstance(d, tuple) or d]) >= 3)
typ, data = M.fetch("4", "(BODYSTRUCTURE)")
check("fetch-bodystructure", typ == "OK" and b"BODYSTRUCTURE" in data[0], data[0][:60].decode())
typ, data = M.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
check("fetch-header-fields", typ == "OK" and b"Subject:" in data[0][1])
typ, data = M.fetch("4", "(BODY.PEEK[1])")
check("fetch-part", typ == "OK" and len(data[0][1]) > 0)
typ, data = M.fetch("9", "(BODY.PEEK[TEXT]<0.20>)")
check("fetch-partial", typ == "OK" and len(data[0][1]) == 20)
typ, data = M.search(None, "FROM", '"bob"')
check("search", typ == "OK" and data[0] != b"", data[0].decode())
typ, data = M.uid("SEARCH", "UNSEEN")
check("uid-search", typ == "OK")
typ, data = M.store("3", "+FLAGS", "(\\Flagged)")
check("store", typ == "OK" and b"\\Flagged" in data[0], data[0].decode())
typ, data = M.copy("1:2", "Archive")
check("copy", typ == "OK")
typ, data = M._simple_command("MOVE", "3", "Trash")
check("move", typ == "OK")
msg = b"From: Py <py@example.org>\r\nSubject: from imaplib\r\n\r\nHello.\r\n"
typ, data = M.append("INBOX", "(\\Seen)", imaplib.Time2Internaldate(time.time()), msg)
check("append", typ == "OK" and b"APPENDUID" in data[0], data[0].decode())
typ, data = M.store("1", "+FLAGS", "(\\Deleted)")
typ, data = M.expunge()
check("expunge", typ == "OK" and data[0] is not None, repr(data))
typ, data = M.status("Archive", "(MESSAGES UIDNEXT)")
check("status", typ == "OK" and b"MESSAGES 4" in data[0], data[0].decode())
typ, data = M.create("Py/Child")
check("create", typ == "OK")
typ, data = M.rename("Py", "Snake")
check("rename", typ == "OK")
typ, data = M.delete("Snake/Child")
check("delete", typ == "OK")
M.close()
typ, data = M.logout()
check("logout", typ == "BYE")
