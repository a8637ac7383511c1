import { describe, expect, it } from 'vitest';
import { loggedIn, network } from './helpers';

/**
 * What the engine keeps to answer faster (FLAGS text per shared flag set, the last
 * HEADER.FIELDS answer per message) must never answer differently from working it out anew.
 */
describe('kept answers stay right', () => {
  it('FLAGS text follows the dialect when ENABLE IMAP4rev2 changes it mid-session (no \\Recent in rev2)', () => {
    const c = loggedIn(network());
    c.cmd('a CREATE box');
    c.raw('b APPEND box {11}\r\nSubject: x\n\r\n');
    c.cmd('c SELECT box');
    expect(c.cmd('d FETCH 1 FLAGS')).toContain('FLAGS (\\Recent)');
    c.cmd('e CLOSE');
    c.cmd('f ENABLE IMAP4rev2');
    c.raw('g APPEND box {11}\r\nSubject: y\n\r\n');
    c.cmd('h SELECT box');
    const out = c.cmd('i FETCH 1:* FLAGS');
    expect(out).not.toContain('\\Recent');
    expect(out).toMatch(/\* 2 FETCH \((?:UID \d+ )?FLAGS \(\)\)/);
  });

  it('HEADER.FIELDS ("A B") and (A B) are different questions', () => {
    const c = loggedIn(network());
    c.cmd('a CREATE box');
    c.raw('j APPEND box {33}\r\nA B: one\r\nA: two\r\nB: three\r\n\r\nx\r\n\r\n');
    c.cmd('c SELECT box');
    expect(c.cmd('k FETCH 1 BODY.PEEK[HEADER.FIELDS ("A B")]')).toContain('A B: one\r\n');
    const plain = c.cmd('l FETCH 1 BODY.PEEK[HEADER.FIELDS (A B)]');
    expect(plain).toContain('A: two\r\nB: three\r\n');
    expect(plain).not.toContain('one');
  });
});
