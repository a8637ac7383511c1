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
});
