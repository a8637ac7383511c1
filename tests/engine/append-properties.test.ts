import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers';

/**
 * Property tests for APPEND's grammar with MULTIAPPEND (RFC 3502), CATENATE (RFC 4469) and
 * literal8 (RFC 3516): whatever mix of messages, parts, flags and dates, good or bad, the
 * command ends in exactly one tagged completion, and it is all or nothing: OK appends every
 * message (APPENDUID names as many UIDs) with exactly the octets a model predicts, anything
 * else appends none.
 */
type Part = { kind: 'text'; text: string; l8: boolean } | { kind: 'url'; url: string; good: boolean };
type Msg = { flags: string | null; date: string | null; data: { kind: 'literal'; text: string; l8: boolean } | { kind: 'catenate'; parts: Part[] } };

const GOOD_URLS = ['/INBOX/;UID=1/;SECTION=TEXT', '/INBOX;UIDVALIDITY=1700000001/;UID=2/;SECTION=HEADER', 'INBOX/;UID=1/;PARTIAL=0.20', '/Work/;UID=1/;SECTION=1'];
const BAD_URLS = ['/INBOX/;UID=999', '/Nowhere/;UID=1', '/INBOX;UIDVALIDITY=5/;UID=1', 'imap://alice@localhost/INBOX/;UID=1', '/INBOX/;UID=0', '/INBOX'];

const line = fc.stringMatching(/^[A-Za-z0-9 :.,-]{0,20}$/);
const body = fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l) => `${l}\r\n`).join(''));
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: body, l8: fc.boolean() }),
  fc.constantFrom(...GOOD_URLS).map((url) => ({ kind: 'url' as const, url, good: true })),
  { weight: 1, arbitrary: fc.constantFrom(...BAD_URLS).map((url) => ({ kind: 'url' as const, url, good: false })) },
);
const msg: fc.Arbitrary<Msg> = fc.record({
  flags: fc.option(fc.constantFrom('()', '(\\Seen)', '(\\Flagged $Work)', '(\\Bogus)'), { nil: null }),
  date: fc.option(fc.constantFrom('"10-Mar-2024 10:00:00 +0000"', '"99-Foo-2024 10:00:00 +0000"'), { nil: null }),
  data: fc.oneof(
    fc.record({ kind: fc.constant('literal' as const), text: fc.oneof(body, fc.constant('')), l8: fc.boolean() }),
    fc.record({ kind: fc.constant('catenate' as const), parts: fc.array(part, { maxLength: 4 }) }),
  ),
});

const lit = (text: string, l8: boolean) => `${l8 ? '~' : ''}{${text.length}+}\r\n${text}`;

function render(m: Msg): string {
  const pre = [m.flags, m.date].filter((x) => x !== null).join(' ');
  const data =
    m.data.kind === 'literal'
      ? lit(m.data.text, m.data.l8)
      : `CATENATE (${m.data.parts.map((p) => (p.kind === 'text' ? `TEXT ${lit(p.text, p.l8)}` : `URL "${p.url}"`)).join(' ')})`;
  return pre ? `${pre} ${data}` : data;
}

/** Whether Dovecot-like rules accept it: no bad flag or date, no bad URL, no empty literal/list. */
function valid(ms: Msg[]): boolean {
  return ms.every(
    (m) =>
      m.flags !== '(\\Bogus)' &&
      !m.date?.includes('99-Foo') &&
      (m.data.kind === 'literal' ? m.data.text !== '' : m.data.parts.length > 0 && m.data.parts.every((p) => p.kind === 'text' || p.good)),
  );
}

const octetsOf = (out: string) => {
  const m = /BODY\[\] \{(\d+)\}\r\n/.exec(out)!;
  return out.slice(m.index + m[0].length, m.index + m[0].length + Number(m[1]));
};

describe('APPEND with MULTIAPPEND, CATENATE and literal8: properties', () => {
  it('one tagged completion; all or nothing; the stored octets are the parts put together', () => {
    const c0 = loggedIn();
    c0.cmd('e EXAMINE INBOX');
    const urlOctets = new Map<string, string>();
    for (const [url, fetch] of [
      [GOOD_URLS[0], '1 BODY.PEEK[TEXT]'],
      [GOOD_URLS[1], '2 BODY.PEEK[HEADER]'],
      [GOOD_URLS[2], '1 BODY.PEEK[]<0.20>'],
    ]) urlOctets.set(url, octetsOf(c0.cmd(`f FETCH ${fetch}`).replace(/BODY\[[^\]]*\](<0>)?/, 'BODY[]')));
    c0.cmd('w EXAMINE Work');
    urlOctets.set(GOOD_URLS[3], octetsOf(c0.cmd('f FETCH 1 BODY.PEEK[1]').replace('BODY[1]', 'BODY[]')));

    fc.assert(
      fc.property(fc.array(msg, { minLength: 1, maxLength: 3 }), (ms) => {
        const c = loggedIn();
        const before = Number(/MESSAGES (\d+)/.exec(c.cmd('s STATUS Sent (MESSAGES)'))![1]);
        const out = c.raw(`a APPEND Sent ${ms.map(render).join(' ')}\r\n`);
        const done = out.split('\r\n').filter((l) => /^a (OK|NO|BAD) /.test(l));
        expect(done.length, out).toBe(1);
        const after = Number(/MESSAGES (\d+)/.exec(c.cmd('s STATUS Sent (MESSAGES)'))![1]);
        if (!done[0].startsWith('a OK')) {
          expect(after, out).toBe(before);
          return;
        }
        expect(valid(ms), out).toBe(true);
        expect(after - before).toBe(ms.length);
        c.cmd('x EXAMINE Sent');
        ms.forEach((m, i) => {
          if (m.data.kind === 'literal' && m.data.l8) return; // a literal8's binary parts are re-encoded
          const expected = m.data.kind === 'literal' ? m.data.text : m.data.parts.map((p) => (p.kind === 'text' ? p.text : urlOctets.get(p.url)!)).join('');
          const got = c.cmd(`f FETCH ${before + i + 1} BODY.PEEK[]`);
          expect(got.includes(`{${expected.length}}`) ? octetsOf(got) : '', got).toBe(expected);
        });
      }),
      { numRuns: 150 },
    );
  });
});
