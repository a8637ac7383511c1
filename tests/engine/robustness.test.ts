import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotStore } from '../../worker/store/snapshot';
import { TestClient, loggedIn, network } from './helpers';

/**
 * RFC 3501 §2.2.2: every command ends in exactly one tagged response. Whatever bytes arrive,
 * the engine must not throw, must not hang, and must not lose or corrupt state.
 */
const COMMANDS = ['CAPABILITY', 'NOOP', 'LOGIN', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'RENAME', 'LIST', 'LSUB', 'STATUS', 'APPEND', 'CHECK', 'CLOSE', 'EXPUNGE', 'SEARCH', 'FETCH', 'STORE', 'COPY', 'MOVE', 'UID', 'NAMESPACE', 'ENABLE', 'ID', 'UNSELECT', 'SUBSCRIBE', 'UNSUBSCRIBE', 'GETMETADATA', 'SETMETADATA', 'CANCELUPDATE', 'NOTIFY'];
const ARG_TOKENS = ['1', '*', '1:*', '2,4:5', '0', '(', ')', '"', '"x"', 'INBOX', 'Work', '\\Seen', '+FLAGS', 'BODY[1.2]', 'BODY.PEEK[HEADER.FIELDS (FROM)]', '<0.5>', 'ALL', 'OR', 'NOT', 'TEXT', '{3}', '{5+}', 'NIL', '""', '%', 'FLAGS', 'UID', 'ENVELOPE', '\x00', '\xff', '[', ']', 'CHARSET', 'UTF-8', 'CATENATE', '(URL "/INBOX/;UID=1")', 'TEXT', 'BINARY[1]', 'BINARY.SIZE[2]', 'BINARY.PEEK[]<0.3>', 'RETURN (STATUS (SIZE))', '/private/comment', '/shared', '(/private/x "v")', '(DEPTH', 'infinity)', 'MAXSIZE', '~{3}', 'RETURN', '(MIN', 'SAVE)', '(UPDATE)', '(PARTIAL', '1:3)', '$', 'OLDER', 'YOUNGER 60', 'SET', '(PERSONAL', '(SELECTED', '(MessageNew', 'MessageExpunge))', 'NONE', '(CHANGEDSINCE 1)', '(UNCHANGEDSINCE 0)', '(CHANGEDSINCE 17 VANISHED)', 'VANISHED', 'MODSEQ', '(CONDSTORE)', '(QRESYNC (1700000001 1 1:5 (1:2 1:2)))', 'QRESYNC', 'CONDSTORE', 'HIGHESTMODSEQ', '"/flags/\\Seen"', 'priv'];

const commandLine = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
    fc.constantFrom(...COMMANDS),
    fc.array(fc.oneof(fc.constantFrom(...ARG_TOKENS), fc.string({ maxLength: 8 })), { maxLength: 6 }),
  )
  .map(([tag, cmd, args]) => ({ tag, line: [tag, cmd, ...args].join(' ') }));

const taggedCompletions = (out: string, tag: string) => out.split('\r\n').filter((l) => l.startsWith(`${tag} OK`) || l.startsWith(`${tag} NO`) || l.startsWith(`${tag} BAD`)).length;

describe('robustness', () => {
  it('answers every well-framed command line with exactly one tagged completion (or a closing BYE)', () => {
    fc.assert(
      fc.property(fc.array(commandLine, { minLength: 1, maxLength: 8 }), (lines) => {
        const c = loggedIn();
        c.cmd('s SELECT INBOX');
        for (const { tag, line } of lines) {
          if (/\{\d+\+?\}$/.test(line) || line.includes('\r') || line.includes('\n')) continue;
          const out = c.cmd(line);
          if (c.closed) return;
          // IDLE and AUTHENTICATE wait for another line; they are not among the commands here.
          expect(taggedCompletions(out, tag), `${JSON.stringify(line)} → ${JSON.stringify(out)}`).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes in any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const c = loggedIn();
        for (const ch of chunks) c.raw(ch);
        c.cmd('\r\nz NOOP');
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the store unchanged after malformed commands', () => {
    const net = network();
    const state = () => JSON.stringify(snapshotStore(net.store), (_k, v) => (v instanceof Uint8Array ? v.length : v));
    const c = new TestClient(net);
    c.cmd('a LOGIN alice wonderland');
    let before = state();
    for (const bad of ['b CREATE', 'c DELETE "unterminated', 'd RENAME Work', 'e APPEND INBOX (\\Recent) {5}', 'f SELECT', 'g STORE 1 +FLAGS (\\Seen)', 'h COPY 1 Work', 'i APPEND Nope {0+}', 'j CREATE ((((']) {
      c.cmd(bad);
      expect(state(), bad).toBe(before);
    }
    c.cmd('k SELECT INBOX'); // claims \Recent: a real change
    before = state();
    for (const bad of ['l STORE 99 +FLAGS (\\Seen)', 'm STORE 1 FLAGS (\\Recent)', 'n COPY 1:99 Work', 'o MOVE 0 Work', 'p FETCH 1 (BODY[', 'q SEARCH ((((', 'r UID EXPUNGE x', 's STORE 1 +FLAGS \\Bogus']) {
      c.cmd(bad);
      expect(state(), bad).toBe(before);
    }
  });
});

describe('search prefilter', () => {
  it('finds header matches that contain punctuation, digits and mixed case', () => {
    const c = loggedIn();
    c.cmd('s EXAMINE INBOX');
    const all = c.cmd('a SEARCH TO alice@example.org');
    expect(all).toMatch(/^\* SEARCH( \d+){5,}\r\n/);
    expect(c.cmd('b SEARCH TO ALICE@EXAMPLE.ORG')).toBe(all.replace('a OK', 'b OK'));
    expect(c.cmd('c SEARCH HEADER Message-ID msg05')).toMatch(/^\* SEARCH 5\r\n/);
  });
});
