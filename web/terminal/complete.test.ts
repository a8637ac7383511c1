import { fileURLToPath } from 'node:url';
import { Engine } from '../../worker/api';
import { readScenarioDir } from '../../worker/node/scenarios';
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

  it('rev1 and rev2 offer RETURN and its options (RFC 4731, 5182, 5267), OLDER/YOUNGER (RFC 5032) and CANCELUPDATE; IMAP4 (RFC 1730) does not', () => {
    const info = new Engine({ default: readScenarioDir(fileURLToPath(new URL('../../content/scenarios/default', import.meta.url))) }).dialectInfo();
    const ctxOf = (name: string) => {
      const d = info.find((x) => x.name === name)!;
      const commandWords = Object.fromEntries(d.commands.filter((c) => c.words).map((c) => [c.name, c.words!]));
      return { commands: d.commands.map((c) => c.name), uidCommands: d.uidCommands, mailboxes: [], recent: d.recent, commandWords };
    };
    for (const name of ['imap4rev1', 'imap4rev2']) {
      const ctx = ctxOf(name);
      expect(complete('a SEARCH RET', ctx)?.candidates).toEqual(['RETURN']);
      expect(complete('a SEARCH RETURN (', ctx)?.candidates).toEqual(expect.arrayContaining(['MIN', 'MAX', 'COUNT', 'SAVE', 'UPDATE', 'PARTIAL']));
      expect(complete('a UID SEARCH RETURN (MIN) YOU', ctx)?.candidates).toEqual(['YOUNGER']);
      expect(complete('a SEARCH OLD', ctx)?.candidates).toEqual(name === 'imap4rev1' ? ['OLD', 'OLDER'] : ['OLDER']);
      expect(complete('a CANCEL', ctx)?.candidates).toEqual(['CANCELUPDATE']);
      // NOTIFY (RFC 5465): its keywords, filters and events.
      expect(complete('a NOTIFY S', ctx)?.candidates).toEqual(['SET', 'STATUS', 'SELECTED', 'SELECTED-DELAYED', 'SUBSCRIBED', 'SUBTREE', 'SubscriptionChange']);
      expect(complete('a NOTIFY SET (PERSONAL (MessageN', ctx)?.candidates).toEqual(['MessageNew']);
    }
    const imap4 = ctxOf('imap4');
    expect(complete('a SEARCH RET', imap4)?.candidates).toEqual([]);
    expect(complete('a SEARCH OLD', imap4)?.candidates).toEqual(['OLD']);
  });
});
