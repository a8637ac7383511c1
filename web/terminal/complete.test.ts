import { describe, expect, it } from 'vitest';
import { complete, type CompletionContext } from './complete';

const imsp: CompletionContext = {
  commands: ['LOGIN', 'GET', 'SET', 'FETCHADDRESS', 'SETACL', 'LOCK', 'CREATE', 'SEARCHADDRESS'],
  uidCommands: [],
  mailboxes: ['INBOX', 'Work'],
  imsp: {
    options: ['common.domain', 'x.lab.color'],
    books: [{ name: 'alice', entries: ['Mad Hatter', 'Bob Builder'] }, { name: 'alice.friends', entries: ['White Rabbit'] }],
    imapHosts: ['imap.north.example', 'imap.south.example'],
  },
};

describe('completion per protocol and dialect', () => {
  it('POP3: its commands, AUTH mechanisms, and no IMAP arguments (LIST takes a message number)', () => {
    const pop3: CompletionContext = { commands: ['USER', 'PASS', 'AUTH', 'LIST', 'RETR', 'TOP', 'QUIT'], uidCommands: [], mailboxes: ['INBOX', 'Work'], pop3: true };
    expect(complete('RE', pop3)?.candidates).toEqual(['RETR']);
    expect(complete('AUTH P', pop3)?.candidates).toEqual(['PLAIN']);
    expect(complete('LIST 1 ', pop3)).toBeNull();
  });

  it('IMSP: option names, books, entries (quoted), kinds and hosts', () => {
    expect(complete('GET x.', imsp)?.candidates).toEqual(['x.lab.color']);
    expect(complete('FETCHADDRESS ali', imsp)?.candidates).toEqual(['alice', 'alice.friends']);
    expect(complete('FETCHADDRESS alice Ma', imsp)?.candidates).toEqual(['"Mad Hatter"']);
    expect(complete('SETACL ', imsp)?.candidates).toEqual(['ADDRESSBOOK', 'MAILBOX']);
    expect(complete('LOCK OPTION com', imsp)?.candidates).toEqual(['common.domain']);
    expect(complete('CREATE Plans imap.s', imsp)?.candidates).toEqual(['imap.south.example']);
    expect(complete('SEARCHADDRESS alice em', imsp)?.candidates).toEqual(['email']);
  });

  it('IMAP dialects: rev2 has no RECENT, IMAP2 offers its own FETCH items', () => {
    const base = { commands: ['SEARCH', 'FETCH', 'STATUS'], uidCommands: [], mailboxes: ['INBOX'] };
    expect(complete('SEARCH REC', { ...base, recent: false })?.candidates).toEqual([]);
    expect(complete('SEARCH REC', { ...base, recent: true })?.candidates).toEqual(['RECENT']);
    expect(complete('FETCH 1 BODY', { ...base, fetchItems: ['ENVELOPE', 'RFC822', 'FLAGS'] })?.candidates).toEqual([]);
    expect(complete('FETCH 1 RFC822', { ...base, fetchRemoved: ['RFC822', 'RFC822.HEADER', 'RFC822.TEXT'] })?.candidates).toEqual(['RFC822.SIZE']);
  });

  it('rev1/rev2: APPEND offers CATENATE and its parts (RFC 4469), LIST offers RETURN (STATUS (…)) (RFC 5819)', () => {
    const rev1 = { commands: ['APPEND', 'LIST'], uidCommands: [], mailboxes: ['INBOX', 'Sent'], catenate: true, listReturn: true };
    expect(complete('a APPEND Sent CAT', rev1)?.candidates).toEqual(['CATENATE']);
    expect(complete('a APPEND Sent (\\Seen) ', rev1)?.candidates).toContain('CATENATE');
    expect(complete('a APPEND Sent CATENATE (', rev1)?.candidates).toEqual(['TEXT', 'URL']);
    expect(complete('a APPEND Sent CATENATE (TEXT {5}', rev1)).toBeNull();
    expect(complete('a APPEND Sent CATENATE (URL "/INBOX/;UID=1" T', rev1)?.candidates).toEqual(['TEXT']);
    expect(complete('a APPEND Sent CATENATE (URL "/INBOX/;UID=1/;SECTION=T', rev1)?.candidates).toEqual(['"/INBOX/;UID=1/;SECTION=TEXT"']);
    expect(complete('a APPEND Sent CATENATE (URL ', rev1)?.candidates).toContain('"/INBOX/;UID=1/;SECTION=TEXT"');
    expect(complete('a LIST "" * R', rev1)?.candidates).toEqual(['RETURN']);
    expect(complete('a LIST "" * RETURN (ST', rev1)?.candidates).toEqual(['STATUS']);
    expect(complete('a LIST "" * RETURN (STATUS (SI', rev1)?.candidates).toEqual(['SIZE']);
    const imap4 = { ...rev1, catenate: false, listReturn: false };
    expect(complete('a APPEND Sent CAT', imap4)).toBeNull();
    expect(complete('a LIST "" * R', imap4)).toBeNull();
  });

  it('SORT and THREAD: sort keys inside the criteria, ESORT return options, charsets, then search keys', () => {
    const base = { commands: ['SORT', 'THREAD', 'UID'], uidCommands: ['SORT', 'THREAD'], mailboxes: ['INBOX'], recent: false };
    expect(complete('a SORT (REV', base)?.candidates).toEqual(['REVERSE']);
    expect(complete('a SORT (REVERSE DISPLAY', base)?.candidates).toEqual(['DISPLAYFROM', 'DISPLAYTO']);
    expect(complete('a SORT RET', base)?.candidates).toEqual(['RETURN']);
    expect(complete('a SORT RETURN (CO', base)?.candidates).toEqual(['COUNT']);
    expect(complete('a SORT RETURN (MIN) (SUB', base)?.candidates).toEqual(['SUBJECT']);
    expect(complete('a SORT (DATE) U', base)?.candidates).toEqual(['UTF-8', 'US-ASCII']);
    expect(complete('a SORT (DATE) UTF-8 UNS', base)?.candidates).toEqual(['UNSEEN']);
    expect(complete('a SORT (DATE) UTF-8 REC', base)?.candidates).toEqual([]);
    expect(complete('a UID SORT (ARR', base)?.candidates).toEqual(['ARRIVAL']);
    expect(complete('a THREAD ', base)?.candidates).toEqual(['REFERENCES', 'ORDEREDSUBJECT', 'REFS']);
    expect(complete('a thread ord', base)?.candidates).toEqual(['orderedsubject']);
    expect(complete('a THREAD REFERENCES UT', base)?.candidates).toEqual(['UTF-8']);
    expect(complete('a THREAD REFERENCES UTF-8 FL', base)?.candidates).toEqual(['FLAGGED']);
  });

  it('METADATA (RFC 5464): GETMETADATA options, mailbox ("" = server) and entry names; SETMETADATA entries', () => {
    const base = { commands: ['GETMETADATA', 'SETMETADATA'], uidCommands: [], mailboxes: ['INBOX', 'Work'] };
    expect(complete('GETMETADATA (DE', base)?.candidates).toEqual(['DEPTH']);
    expect(complete('GETMETADATA (DEPTH 1) ', base)?.candidates).toEqual(['""', 'INBOX', 'Work']);
    expect(complete('GETMETADATA W', base)?.candidates).toEqual(['Work']);
    expect(complete('GETMETADATA INBOX /private/c', base)?.candidates).toEqual(['/private/comment']);
    expect(complete('GETMETADATA (DEPTH 1) INBOX /sh', base)?.candidates).toEqual(['/shared/comment', '/shared/vendor/', '/shared/admin']);
    expect(complete('SETMETADATA W', base)?.candidates).toEqual(['Work']);
    expect(complete('SETMETADATA INBOX /private/c', base)?.candidates).toEqual(['(/private/comment']);
    expect(complete('SETMETADATA INBOX (/private/comment "x" /shared/c', base)?.candidates).toEqual(['/shared/comment']);
    expect(complete('SETMETADATA INBOX (/private/comment ', base)).toBeNull();
  });
});
