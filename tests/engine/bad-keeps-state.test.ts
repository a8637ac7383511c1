import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../worker/imap/dialect';
import { loggedIn, network } from './helpers';

/**
 * A line that does not even split into tokens was never executed: it must not change the
 * session's state. Recorded from Dovecot 2.3.19.1 (peers lab):
 *   b SELECT INBOX → OK;  c SELECT "INBOX → `c BAD … Missing '"'` (no [CLOSED]);  d FETCH 1 FLAGS → OK
 *   n EXAMINE "INBOX → BAD, still selected
 *   h SELECT → `* OK [CLOSED]` then `h BAD … Invalid arguments`; i FETCH → BAD No mailbox selected
 *   k SELECT (INBOX) → [CLOSED] then BAD (tokens fine, wrong kind of argument)
 * A SELECT whose tokens are fine but which fails (NO, or BAD for its arguments) leaves the old
 * mailbox first, as RFC 3501 §6.3.1 describes and tests/golden/imap/10-select-examine records.
 */
describe('a BAD command leaves the selected mailbox alone', () => {
  for (const [dialect, cmd] of [
    ['imap4rev1', 'SELECT'],
    ['imap4rev1', 'EXAMINE'],
    ['imap4rev2', 'SELECT'],
    ['imap4', 'SELECT'],
    ['imap2', 'SELECT'],
  ] as Array<[DialectName, string]>) {
    it(`${dialect}: ${cmd} "INBOX (unterminated quote) → BAD, INBOX still selected`, () => {
      const c = loggedIn(network(dialect));
      expect(c.cmd('s SELECT INBOX')).toMatch(/^s OK/m);
      const out = c.cmd(`x ${cmd} "INBOX`);
      expect(out).toMatch(/^x BAD/m);
      expect(out).not.toMatch(/CLOSED/);
      // Still in the selected state: FETCH works without a new SELECT.
      expect(c.cmd('f FETCH 1 FLAGS')).toMatch(/^f OK/m);
    });
  }

  it('SELECT INBOX "junk (an unterminated quote after the name) → BAD, still selected', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    const out = c.cmd('x SELECT INBOX "junk');
    expect(out).toMatch(/^x BAD/m);
    expect(out).not.toMatch(/CLOSED/);
    expect(c.cmd('f FETCH 1 FLAGS')).toMatch(/^f OK/m);
  });

  it('SELECT (INBOX) (tokens fine, wrong kind of argument) → [CLOSED] then BAD, as Dovecot', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    expect(c.cmd('x SELECT (INBOX)')).toMatch(/^\* OK \[CLOSED\][^\r]*\r\nx BAD/m);
    expect(c.cmd('f FETCH 1 FLAGS')).toMatch(/^f BAD/m);
  });

  it('a well-formed SELECT that fails with NO does deselect (with [CLOSED] first)', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    const out = c.cmd('x SELECT NoSuchBox');
    expect(out).toMatch(/^\* OK \[CLOSED\][^\r]*\r\nx NO/m);
    expect(c.cmd('f FETCH 1 FLAGS')).toMatch(/^f BAD/m);
  });

  it('imap2: BBOARD with a syntax error keeps the mailbox selected', () => {
    const c = loggedIn(network('imap2'));
    c.cmd('s SELECT INBOX');
    expect(c.cmd('x BBOARD "general')).toMatch(/^x BAD/m);
    expect(c.cmd('f FETCH 1 FLAGS')).toMatch(/^f OK/m);
  });
});
