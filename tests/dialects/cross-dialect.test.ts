import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../worker/imap/dialect';
import { TestClient } from '../engine/helpers';
import { dialectNetwork } from './fixture';

/**
 * One store, five eras: a change made over one dialect is seen over the others, each in its
 * own words (IMAP2's FETCH, IMAP3's tagged data, RFC 1730's MAILBOX, rev2's UID-bearing
 * FETCH and UTF-8 names).
 */
const ALL: DialectName[] = ['imap2', 'imap2bis', 'imap3', 'imap4', 'imap4rev1', 'imap4rev2'];

function clients() {
  const net = dialectNetwork(ALL);
  const open = (d: DialectName, login = true) => {
    const c = new TestClient(net, `imap.${d}.example`);
    if (login) c.cmd('l LOGIN alice wonderland');
    return c;
  };
  return { net, open };
}

const lines = (s: string) => s.split('\r\n').filter(Boolean);

describe('one store seen through every dialect', () => {
  it('a flag stored over IMAP2 is seen over IMAP3, RFC 1730, rev1 and rev2', () => {
    const { open } = clients();
    const rev1 = open('imap4rev1');
    rev1.cmd('s SELECT INBOX');
    const rev2 = open('imap4rev2');
    rev2.cmd('s SELECT INBOX');
    const old = open('imap2');
    old.cmd('s SELECT INBOX');
    // rev1 selected INBOX first: the messages are \\Recent to it, not to the IMAP2 session.
    expect(old.cmd('t STORE 3 +FLAGS \\Flagged')).toBe('* 3 FETCH (FLAGS (\\Flagged))\r\nt OK Store completed\r\n');
    // The sessions that have INBOX open hear of it at their next command.
    expect(lines(rev1.cmd('n NOOP'))[0]).toBe('* 3 FETCH (FLAGS (\\Flagged \\Recent))');
    expect(lines(rev2.cmd('n NOOP'))[0]).toBe('* 3 FETCH (UID 3 FLAGS (\\Flagged))');
    const imap4 = open('imap4');
    imap4.cmd('s EXAMINE INBOX');
    expect(lines(imap4.cmd('f FETCH 3 FLAGS'))[0]).toBe('* 3 FETCH (FLAGS (\\Flagged))');
    const imap3 = open('imap3', false);
    imap3.cmd('v SELECT.VERSION (3 0)');
    imap3.cmd('l LOGIN alice wonderland');
    imap3.cmd('s SELECT INBOX');
    expect(lines(imap3.cmd('f FETCH 3 FLAGS'))[0]).toBe('f 3 FETCH (FLAGS (\\Flagged))');
  });

  it('a mailbox IMAP2 creates by COPY is listed by LIST, FIND and rev2 LIST-STATUS', () => {
    const { open } = clients();
    const old = open('imap2');
    old.cmd('s SELECT INBOX');
    expect(old.cmd('c COPY 1:2 Minutes')).toBe('* 1 COPY\r\n* 2 COPY\r\nc OK Copy completed\r\n');
    expect(open('imap4rev1').cmd('l LIST "" Minutes')).toBe('* LIST (\\HasNoChildren) "/" Minutes\r\nl OK List completed.\r\n');
    expect(open('imap4').cmd('f FIND ALL.MAILBOXES Min*')).toBe('* MAILBOX Minutes\r\nf OK FIND ALL.MAILBOXES completed\r\n');
    expect(lines(open('imap4rev2').cmd('l LIST "" Minutes RETURN (STATUS (MESSAGES UNSEEN))'))).toEqual([
      '* LIST (\\HasNoChildren) "/" Minutes',
      '* STATUS Minutes (MESSAGES 2 UNSEEN 0)',
      'l OK List completed.',
    ]);
  });

  it('a mailbox IMAP2bis creates and appends to is seen over IMAP2, RFC 1730 and rev1; its old date reads as one instant', () => {
    const { open } = clients();
    const bis = open('imap2bis');
    expect(bis.cmd('c CREATE Pine')).toBe('c OK Create completed\r\n');
    expect(bis.raw('a APPEND Pine (\\Flagged) " 9-Jun-94 12:55:44 EDT" {19}\r\n')).toBe('+ OK\r\n');
    expect(bis.raw('Subject: hi\r\n\r\nyo\r\n\r\n')).toBe('a OK Append completed\r\n');
    expect(open('imap2').cmd('f FIND MAILBOXES Pi*')).toBe('* MAILBOX Pine\r\nf OK FIND completed\r\n');
    const imap4 = open('imap4');
    imap4.cmd('s EXAMINE Pine');
    expect(lines(imap4.cmd('f FETCH 1 (FLAGS INTERNALDATE)'))[0]).toBe('* 1 FETCH (FLAGS (\\Flagged \\Recent) INTERNALDATE "09-Jun-1994 12:55:44 -0400")');
    const rev1 = open('imap4rev1');
    rev1.cmd('s EXAMINE Pine');
    expect(lines(rev1.cmd('f FETCH 1 INTERNALDATE'))[0]).toBe('* 1 FETCH (INTERNALDATE "09-Jun-1994 12:55:44 -0400")');
    // A COPY over IMAP2 still creates its target; over IMAP2bis it asks for CREATE first.
    bis.cmd('s SELECT INBOX');
    expect(bis.cmd('c COPY 1 Minutes')).toBe("* OK [TRYCREATE] Mailbox doesn't exist: Minutes\r\nc NO Mailbox doesn't exist: Minutes\r\n");
  });

  it('a UTF-8 name made over rev2 is modified UTF-7 for rev1, RFC 1730 and IMAP2', () => {
    const { open } = clients();
    expect(open('imap4rev2').raw(new TextEncoder().encode('c CREATE "Grüße"\r\n'))).toBe('c OK Create completed.\r\n');
    expect(open('imap4rev1').cmd('l LIST "" Gr*')).toBe('* LIST (\\HasNoChildren) "/" Gr&APwA3w-e\r\nl OK List completed.\r\n');
    expect(open('imap4').cmd('l LIST "" Gr*')).toBe('* LIST () "/" Gr&APwA3w-e\r\nl OK LIST completed\r\n');
    const old = open('imap2');
    expect(old.cmd('f FIND MAILBOXES Gr*')).toBe('* MAILBOX Gr&APwA3w-e\r\nf OK FIND completed\r\n');
    // The IMAP2 client names it the way it was told.
    expect(lines(old.cmd('s SELECT Gr&APwA3w-e'))[1]).toBe('* 0 EXISTS');
  });

  it('a message added over IMAP3 arrives as new mail over rev1 (with \\Recent) and rev2 (without)', () => {
    const { open } = clients();
    const rev2 = open('imap4rev2');
    rev2.cmd('s SELECT Work');
    const rev1 = open('imap4rev1');
    rev1.cmd('s EXAMINE Work');
    const imap3 = open('imap3', false);
    imap3.cmd('v SELECT.VERSION (3 0)');
    imap3.cmd('f SELECT.FEATURES ADD.MESSAGE');
    imap3.cmd('l LOGIN alice wonderland');
    expect(imap3.raw('a ADD.MESSAGE Work RFC822 {19}\r\n')).toBe('+ OK\r\n');
    expect(imap3.raw('Subject: hi\r\n\r\nyo\r\n\r\n')).toBe('a OK Message added\r\n');
    expect(rev1.cmd('n NOOP')).toBe('* 4 EXISTS\r\n* 1 RECENT\r\nn OK NOOP completed.\r\n');
    expect(rev2.cmd('n NOOP')).toBe('* 4 EXISTS\r\nn OK NOOP completed.\r\n');
    expect(lines(rev1.cmd('f FETCH 4 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])'))[0]).toBe('* 4 FETCH (FLAGS (\\Recent) BODY[HEADER.FIELDS (SUBJECT)] {15}');
  });

  it('an EXPUNGE over RFC 1730 reaches IMAP2 and IMAP3 sessions as EXPUNGE responses', () => {
    const { open } = clients();
    const old = open('imap2');
    old.cmd('s SELECT INBOX');
    const imap3 = open('imap3');
    imap3.cmd('s SELECT INBOX');
    const imap4 = open('imap4');
    imap4.cmd('s SELECT INBOX');
    expect(imap4.cmd('x EXPUNGE')).toBe('* 10 EXPUNGE\r\nx OK EXPUNGE completed\r\n');
    expect(old.cmd('n NOOP')).toBe('* 10 EXPUNGE\r\n* 13 RECENT\r\nn OK NOOP completed.\r\n');
    expect(imap3.cmd('c CHECK')).toBe('* 10 EXPUNGE\r\n* 13 EXISTS\r\n* 0 RECENT\r\nc OK Check completed\r\n');
  });

  it('\\Draft, unknown to IMAP2, is hidden from it and survives its STORE FLAGS', () => {
    const { open } = clients();
    const old = open('imap2');
    old.cmd('s SELECT INBOX');
    expect(lines(old.cmd('f FETCH 13 FLAGS'))[0]).toBe('* 13 FETCH (FLAGS (\\Recent))');
    expect(lines(old.cmd('t STORE 13 FLAGS (\\Seen)'))[0]).toBe('* 13 FETCH (FLAGS (\\Seen \\Recent))');
    const rev1 = open('imap4rev1');
    rev1.cmd('s EXAMINE INBOX');
    expect(lines(rev1.cmd('f FETCH 13 FLAGS'))[0]).toBe('* 13 FETCH (FLAGS (\\Seen \\Draft))');
  });

  it('a rev1 session that enables IMAP4rev2 and a native rev2 session answer alike', () => {
    const { open } = clients();
    const dual = open('imap4rev1');
    expect(dual.cmd('e ENABLE IMAP4rev2')).toBe('* ENABLED IMAP4rev2\r\ne OK Enabled.\r\n');
    const rev2 = open('imap4rev2');
    for (const c of [dual, rev2]) c.cmd('s SELECT INBOX');
    for (const cmd of ['a SEARCH RETURN (MIN MAX COUNT) UNSEEN', 'b FETCH 1 FLAGS', 'c STATUS Work (DELETED SIZE)', 'd LIST "" Work']) {
      expect(dual.cmd(cmd)).toBe(rev2.cmd(cmd));
    }
  });
});
