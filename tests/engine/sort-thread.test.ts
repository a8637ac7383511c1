import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers';

/**
 * SORT and THREAD (RFC 5256) against the engine, as properties: every line gets one tagged
 * answer; SORT returns exactly the messages SEARCH finds, in an order its keys justify;
 * UID SORT names the same messages by UID; THREAD names each found message exactly once.
 */
const KEYS = ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO'];
const SEARCHES = ['ALL', 'SEEN', 'UNSEEN', 'FLAGGED', 'NOT DELETED', 'FROM example', 'SUBJECT meeting', 'OR SEEN FLAGGED', '2:8', 'LARGER 800', 'SINCE 5-Jan-2024'];

const criteria = fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...KEYS)), { minLength: 1, maxLength: 4 }).map((ks) => ks.map(([r, k]) => (r ? `REVERSE ${k}` : k)).join(' '));
const search = fc.constantFrom(...SEARCHES);
const numbers = (line: string | undefined) => (line ?? '').trim().split(' ').slice(2).map(Number);

function client() {
  const c = loggedIn();
  c.cmd('s EXAMINE INBOX');
  return c;
}

describe('SORT and THREAD properties', () => {
  it('SORT returns the messages SEARCH finds, each once; UID SORT the same messages by UID', () => {
    const c = client();
    const uidOf = new Map<number, number>();
    for (const m of c.cmd('f FETCH 1:* (UID)').matchAll(/^\* (\d+) FETCH \(UID (\d+)\)/gm)) uidOf.set(Number(m[1]), Number(m[2]));
    fc.assert(
      fc.property(criteria, search, (crit, s) => {
        const found = numbers(/^\* SEARCH.*$/m.exec(c.cmd(`a SEARCH ${s}`))?.[0]);
        const sorted = numbers(/^\* SORT.*$/m.exec(c.cmd(`b SORT (${crit}) UTF-8 ${s}`))?.[0]);
        expect([...sorted].sort((x, y) => x - y)).toEqual(found);
        const uids = numbers(/^\* SORT.*$/m.exec(c.cmd(`c UID SORT (${crit}) UTF-8 ${s}`))?.[0]);
        expect(uids).toEqual(sorted.map((n) => uidOf.get(n)));
      }),
      { numRuns: 60 },
    );
  });

  it('SORT (REVERSE SIZE) is SORT (SIZE) turned around, except that equal sizes stay in sequence order', () => {
    const c = client();
    const size = new Map<number, number>();
    for (const m of c.cmd('f FETCH 1:* (RFC822.SIZE)').matchAll(/^\* (\d+) FETCH \(RFC822\.SIZE (\d+)\)/gm)) size.set(Number(m[1]), Number(m[2]));
    const up = numbers(/^\* SORT.*$/m.exec(c.cmd('a SORT (SIZE) UTF-8 ALL'))?.[0]);
    const down = numbers(/^\* SORT.*$/m.exec(c.cmd('b SORT (REVERSE SIZE) UTF-8 ALL'))?.[0]);
    for (let i = 1; i < up.length; i++) expect(size.get(up[i])!).toBeGreaterThanOrEqual(size.get(up[i - 1])!);
    for (let i = 1; i < down.length; i++) {
      expect(size.get(down[i])!).toBeLessThanOrEqual(size.get(down[i - 1])!);
      if (size.get(down[i]) === size.get(down[i - 1])) expect(down[i]).toBeGreaterThan(down[i - 1]);
    }
  });

  it('THREAD names every message the search finds exactly once', () => {
    const c = client();
    fc.assert(
      fc.property(fc.constantFrom('REFERENCES', 'REFS', 'ORDEREDSUBJECT'), search, (alg, s) => {
        const found = numbers(/^\* SEARCH.*$/m.exec(c.cmd(`a SEARCH ${s}`))?.[0]);
        const line = /^\* THREAD (.*)$/m.exec(c.cmd(`b THREAD ${alg} UTF-8 ${s}`))![1];
        const named = (line.match(/\d+/g) ?? []).map(Number).sort((x, y) => x - y);
        expect(named).toEqual(found);
        // Balanced parentheses, as the thread-list grammar has them.
        let depth = 0;
        for (const ch of line) {
          depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe('SORT and THREAD grammar fuzz', () => {
  const TOKENS = ['SORT', 'THREAD', 'UID', 'RETURN', '(', ')', '()', 'REVERSE', 'DATE', 'SUBJECT', 'DISPLAYFROM', 'REFERENCES', 'ORDEREDSUBJECT', 'REFS', 'UTF-8', 'US-ASCII', 'X-BOGUS', '"UTF-8"', 'ALL', 'MIN', 'MAX', 'COUNT', 'SAVE', 'NOT', 'OR', '1:*', '$', '*', '"x"', '{3}', '\x00', '\xff'];
  const line = fc.tuple(fc.constantFrom('SORT', 'THREAD', 'UID SORT', 'UID THREAD'), fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 8 }));

  it('answers every SORT/THREAD line with exactly one tagged completion and keeps the session usable', () => {
    for (const dialect of ['imap4rev1', 'imap4rev2'] as const) {
      const c = client();
      if (dialect === 'imap4rev2') c.cmd('e ENABLE IMAP4rev2');
      fc.assert(
        fc.property(line, ([cmd, args]) => {
          const text = `t ${cmd} ${args.join(' ')}`;
          if (/\{\d+\+?\}$/.test(text) || /[\r\n]/.test(text)) return;
          const out = c.cmd(text);
          expect(out.split('\r\n').filter((l) => /^t (OK|NO|BAD)\b/.test(l)), `${JSON.stringify(text)} → ${JSON.stringify(out)}`).toHaveLength(1);
          expect(out).not.toMatch(/SERVERBUG/);
        }),
        { numRuns: 300 },
      );
      expect(c.cmd('z NOOP')).toMatch(/^z OK/m);
    }
  });
});
