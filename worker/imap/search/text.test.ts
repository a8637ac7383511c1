import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainBodyStart, rawSearchRanges, searchableBody, searchableText } from '../../mime/decode';
import { parseMessage } from '../../mime/parse';
import type { Message } from '../../store/model';
import { textMatches } from './text';

/**
 * SEARCH TEXT/BODY may judge a message from its stored octets instead of decoding it
 * (text.ts). That shortcut must never change an answer: for every message, every needle, the
 * verdict equals a substring search of the decoded, lower-cased text.
 */
const dirs = [new URL('../../mime/__fixtures__/edge/', import.meta.url), new URL('../../../content/scenarios/default/mail/', import.meta.url)];
const raws: Array<[string, Uint8Array]> = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => [f, new Uint8Array(readFileSync(new URL(f, d)))] as [string, Uint8Array]),
);
const enc = new TextEncoder();
// Shapes the shortcut must get right: folded headers, encoded words, QP soft breaks, base64,
// charsets that lower-case into ASCII, no blank line, bare LFs.
const crafted = [
  'Subject: plain\r\n\r\nhello croquet world\r\n',
  'Subject: fold\r\n ed value\r\nX-A:no-space\r\n\r\nbody\r\n',
  'Subject: =?utf-8?q?cro=71uet?=\r\n\r\nnothing\r\n',
  'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncro=\r\nquet\r\n',
  'Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nY3JvcXVldA==\r\n',
  'Content-Transfer-Encoding: base64\r\n\r\nY3JvcXVldA==\r\n',
  'Content-Type: text/plain; charset=utf-8\r\n\r\n\u212Aelvin and \u0130stanbul\r\n',
  'Content-Type: text/plain; charset=iso-8859-9\r\n\r\n\xDDstanbul\r\n',
  'Content-Type: text/plain; charset=utf-7\r\n\r\n+AGEAYgBj-\r\n',
  'Content-Type: text/plain; format=flowed; charset="UTF-8"; delsp=no\r\n\r\nflowed text\r\n',
  'Content-Type: image/png\r\n\r\nnot searched croquet\r\n',
  'Subject: no blank line\r\nX-B: croquet',
  'Subject: bare lf\nX-C: value\n\nbody croquet\n',
  'Content-Type: multipart/mixed; boundary=xx\r\n\r\npreamble croquet\r\n--xx\r\nContent-Type: text/plain\r\n\r\npart one\r\n--xx\r\nContent-Type: application/octet-stream\r\n\r\nbinary croquet\r\n--xx--\r\nepilogue\r\n',
  'Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body croquet\r\n',
  // A quoted parameter that looks like the charset must not be taken for it (the real one is UTF-16).
  'Content-Type: text/plain; foo="x; charset=us-ascii"; charset=utf-16\r\n\r\nhello world\r\n',
  'Content-Type: text/plain; charset=us-ascii\r\nContent-Type: text/plain; charset=utf-16\r\n\r\nhello world\r\n',
  // The single-part shortcut reads the header field by field without parsing it: names with
  // space before the colon, folded values, look-alike names, a line without a colon.
  'Content-Type : text/plain;\r\n charset=utf-8\r\n\r\nfolded type croquet\r\n',
  'content-type:TEXT/html;charset="iso-8859-1"\r\n\r\nlower-case name croquet\r\n',
  'Content-Typex: image/png\r\n\r\nlook-alike croquet\r\n',
  'Content-Typex: text/plain\r\nContent-Type: image/png\r\n\r\nlook-alike first croquet\r\n',
  'Content-Type\r\n\r\nno colon croquet\r\n',
  'X-Note: a\r\n Content-Type: image/png\r\n\r\ncontinuation croquet\r\n',
  ' Leading: space\r\nSubject: x\r\n\r\nbody croquet\r\n',
  'Content-Transfer-Encoding : 7bit\r\n\r\nseven bit croquet\r\n',
  'Content-Type: text/plain; charset=utf-16\r\n\r\nc\0r\0o\0\r\n',
  // An encoded word in the body is not decoded (BODY may read the octets); in a header it is.
  'Subject: plain\r\n\r\n=?utf-8?q?croquet?= and =?utf-8?b?Y3JvcXVldA==?=\r\n',
  'Subject: =?utf-8?b?Y3JvcXVldA==?=\r\n\r\nkelvin body\r\n',
  // Characters that lower-case into ASCII, for needles with and without "k"/"i".
  'Subject: k\r\n\r\n\u212Aelvin only\r\n',
  'Subject: i\r\n\r\n\u0130stanbul only\r\n',
  'Content-Type: multipart/mixed; boundary=kk\r\n\r\n--kk\r\n\r\n\u212Aelvin part\r\n--kk--\r\n',
  // Multipart: an encoded word in a part header, upper-case text, the needle in a boundary.
  'Content-Type: multipart/mixed; boundary=xx\r\n\r\n--xx\r\nContent-Description: =?utf-8?q?cro=71uet?=\r\n\r\nBODY TEXT\r\n--xx--\r\n',
  'Content-Type: multipart/mixed; boundary=xx\r\n\r\n--xx\r\nContent-Description: =?utf-8?b?Y3JvcXVldA==?=\r\n\r\nBODY CROQUET\r\n--xx--\r\n',
  // A multipart whose octets lack the needle is judged without parsing, unless a part is encoded
  // (any case of the words) or in a charset that is not ASCII-transparent.
  'Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: BASE64\r\n\r\nY3JvcXVldA==\r\n--q--\r\n',
  'Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: Quoted-Printable\r\n\r\ncro=71uet\r\n--q--\r\n',
  'Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain; CHARSET=utf-7\r\n\r\n+AGMAcgBvAHEAdQBlAHQ-\r\n--q--\r\n',
  'Content-Type: multipart/alternative; boundary="zebra"\r\n\r\n--zebra\r\nContent-Type: text/plain\r\n\r\nZeBrA crossing\r\n--zebra\r\nContent-Type: text/html\r\n\r\n<b>qux</b>\r\n--zebra--\r\n',
].map((s, i) => [`crafted-${i}`, /[\u0100-\uffff]/.test(s) ? enc.encode(s) : Uint8Array.from(s, (c) => c.charCodeAt(0))] as [string, Uint8Array]);

const messages = [...raws, ...crafted];
const msg = (raw: Uint8Array) => ({ raw }) as unknown as Message;

function expected(raw: Uint8Array, needle: string, which: 'body' | 'text'): boolean {
  const root = parseMessage(raw);
  return (which === 'body' ? searchableBody(root) : searchableText(root)).toLowerCase().includes(needle);
}

function wordsOf(raw: Uint8Array): string[] {
  const text = searchableText(parseMessage(raw)).toLowerCase();
  return [...new Set(text.match(/[a-z0-9._@-]{2,}/g) ?? [])].slice(0, 60);
}

describe('SEARCH TEXT/BODY from stored octets', () => {
  it('agrees with the decoded text for every word of every fixture message', () => {
    let checked = 0;
    for (const [name, raw] of messages) {
      const needles = [...wordsOf(raw), 'croquet', 'kelvin', 'istanbul', 'elvin', 'stanbul', 'k', 'i', 'abc', 'a', 'cro', 'x-a:no', 'no-space', 'subject', 'xx', 'png', 'hello', 'zebra', 'qux', '--xx', 'xx--', 'b>', '=?utf-8?q?croquet?=', 'y3jvcxvlda=='];
      for (const needle of needles)
        for (const which of ['body', 'text'] as const) {
          expect(textMatches(msg(raw), needle, which), `${name} ${which} "${needle}"`).toBe(expected(raw, needle, which));
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(1000);
    // …and the shortcut is really taken for most of them, decoding for the rest.
    const judged = messages.filter(([, raw]) => rawSearchRanges(parseMessage(raw)).text !== null).length;
    expect(judged).toBeGreaterThan(messages.length / 3);
    expect(judged).toBeLessThan(messages.length);
  });

  it('reads a single-part header as the MIME parser does, or leaves it to the parser', () => {
    for (const [name, raw] of messages) {
      const start = plainBodyStart(raw);
      if (start < 0) continue;
      const root = parseMessage(raw);
      expect(root.children.length + (root.message ? 1 : 0), name).toBe(0);
      expect(rawSearchRanges(root).body, name).toEqual(start < raw.length ? [start, raw.length] : []);
    }
    const field = fc.constantFrom('Content-Type: text/plain\r\n', 'content-TYPE :text/html; charset=utf-8\r\n', 'Content-Type: text/plain;\r\n\tcharset=latin1\r\n', 'Content-Type: image/gif\r\n', 'Content-Type: multipart/mixed; boundary=a\r\n', 'Content-Transfer-Encoding: base64\r\n', 'Content-Type\r\n', 'MIME-Version: 1.0\r\n', 'X: y\r\n', ' folded\r\n', '\r\n', '\n', 'body\r\n', '--a\r\n');
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), (lines) => {
        const raw = Uint8Array.from(lines.join(''), (c) => c.charCodeAt(0));
        const start = plainBodyStart(raw);
        if (start < 0) return;
        const root = parseMessage(raw);
        expect(root.children.length + (root.message ? 1 : 0)).toBe(0);
        expect(root.bodyStart).toBe(Math.min(start, raw.length));
        const ranges = rawSearchRanges(root);
        expect(ranges.body).toEqual(start < raw.length ? [start, raw.length] : []);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees for random needles and random small messages', () => {
    const piece = fc.constantFrom(
      'Subject: ', 'abc', 'ABC', 'Kic', ' ', '\r\n', '\r\n ', '=?utf-8?q?x?=', '=?utf-8?q?k?=', '=', '\xC4\xB0', '\xE2\x84\xAA',
      'Content-Type: text/plain\r\n', 'Content-Type: text/plain; charset=utf-8\r\n', 'Content-Transfer-Encoding: base64\r\n', 'X: y\r\n', '\r\n\r\n',
      'Content-Type: multipart/mixed; boundary=b\r\n', '\r\n--b\r\n', '\r\n--b--\r\n', 'Content-Type: image/png\r\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.stringMatching(/^[a-cik=:?-]{1,3}$/), (parts, needle) => {
        const raw = Uint8Array.from(parts.join(''), (c) => c.charCodeAt(0));
        for (const which of ['body', 'text'] as const) expect(textMatches(msg(raw), needle, which)).toBe(expected(raw, needle, which));
      }),
      { numRuns: 400 },
    );
  });
});
