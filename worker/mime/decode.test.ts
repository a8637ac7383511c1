import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crlf, recordedMessages } from './__fixtures__/golden';
import { binBytes } from './bytes';
import {
  decodeBase64,
  decodeCharset,
  decodeEncodedWords,
  decodeQuotedPrintable,
  decodedBody,
  headerValues,
  parseRfc5322Date,
  searchableBody,
  searchableText,
  sentDate,
} from './decode';
import { parseMessage } from './parse';

const text = (s: string) => new TextDecoder().decode(binBytes(s));
const msg = (s: string) => parseMessage(binBytes(s.replace(/\r?\n/g, '\r\n')));

describe('encoded words (RFC 2047)', () => {
  it('decodes B and Q in any charset, dropping whitespace between words', () => {
    expect(decodeEncodedWords('=?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4g4pyI?= =?UTF-8?Q?_und_caf=C3=A9?=')).toBe(
      'Grüße aus Köln ✈ und café',
    );
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9_Pirard?= <andre@example.be>')).toBe('André Pirard <andre@example.be>');
    expect(decodeEncodedWords('=?windows-1252?q?=80?=')).toBe('€');
    expect(decodeEncodedWords('=?iso-8859-15?q?=A4?=')).toBe('€');
    expect(decodeEncodedWords('=?utf-8*en?q?hi?=')).toBe('hi');
  });
  it('keeps plain text around words and malformed words as written', () => {
    expect(decodeEncodedWords('Re: =?utf-8?q?x?= tail')).toBe('Re: x tail');
    expect(decodeEncodedWords('=?utf-8?x?nope?=')).toBe('=?utf-8?x?nope?=');
    expect(decodeEncodedWords('no words')).toBe('no words');
  });
  it('reads raw 8-bit header octets as UTF-8', () => {
    expect(decodeEncodedWords('J\xc3\xb6rg')).toBe('Jörg');
    expect(decodeEncodedWords('\xe9t\xe9')).toBe('\ufffdt\ufffd');
  });
});

describe('transfer encodings and charsets', () => {
  it('base64 ignores line breaks and garbage', () => {
    expect(text(String.fromCharCode(...decodeBase64(binBytes('aGVs\r\nbG8h\r\n'))))).toBe('hello!');
    expect(decodeBase64(binBytes('aGk=trailing')).length).toBe(2);
  });
  it('quoted-printable: escapes, soft breaks, trailing whitespace, broken escapes', () => {
    const q = (s: string) => String.fromCharCode(...decodeQuotedPrintable(binBytes(s)));
    expect(q('Caf=C3=A9 =\r\nau lait  \r\nx=ZZ=4')).toBe('Caf\xc3\xa9 au lait\r\nx=ZZ=4');
    expect(q('a=\nb\n')).toBe('ab\r\n');
  });
  it('charsets: us-ascii as UTF-8, true ISO-8859-1, unknown as UTF-8', () => {
    expect(decodeCharset(binBytes('\xc3\xa9'), 'us-ascii')).toBe('é');
    expect(decodeCharset(binBytes('\x80\xe9'), 'ISO-8859-1')).toBe('\x80é');
    expect(decodeCharset(binBytes('\x80'), 'windows-1252')).toBe('€');
    expect(decodeCharset(binBytes('\xc3\xa9'), 'x-unknown')).toBe('é');
    expect(decodeCharset(binBytes('\x82\xa0'), 'Shift_JIS')).toBe('あ');
  });
  it('decodes a part body by its Content-Transfer-Encoding and charset', () => {
    const m = msg(
      'MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9=\n!\n',
    );
    expect(decodedBody(m)).toBe('café!\r\n');
  });
});

describe('Date: header', () => {
  it('parses RFC 5322 dates with zones, obsolete forms and comments', () => {
    expect(parseRfc5322Date('Wed, 03 Jan 2024 14:30:00 -0500')).toEqual({ ms: Date.UTC(2024, 0, 3, 19, 30), zone: -300 });
    expect(parseRfc5322Date('3 Jan 24 14:30 GMT')).toEqual({ ms: Date.UTC(2024, 0, 3, 14, 30), zone: 0 });
    expect(parseRfc5322Date('Fri, 21 Nov 97 09:55:06 PST (Pacific)')).toEqual({
      ms: Date.UTC(1997, 10, 21, 17, 55, 6),
      zone: -480,
    });
    expect(parseRfc5322Date('garbage')).toBeNull();
    expect(sentDate(msg('Date: Tue, 02 Jan 2024 09:15:00 +0100\n\nx'))).toEqual({ ms: Date.UTC(2024, 0, 2, 8, 15), zone: 60 });
    expect(sentDate(msg('Subject: none\n\nx'))).toBeNull();
  });
});

describe('SEARCH strings', () => {
  it('keeps parts apart and skips non-text bodies and multipart preambles', () => {
    const m = msg(`MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

preamble words
--b
Content-Type: text/plain

alpha
--b
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

aGlkZGVu
--b
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

PGI+YmV0YTwvYj4=
--b--
`);
    const body = searchableBody(m);
    expect(body.split('\0')).toEqual(['alpha', '<b>beta</b>']);
    expect(body).not.toContain('hidden');
    expect(body).not.toContain('preamble');
    expect(searchableText(m)).toContain('Content-Type: application/octet-stream');
    expect(searchableText(m)).not.toContain('hidden');
  });
  it('header values: decoded, addresses re-written, all occurrences', () => {
    const m = msg('From: =?utf-8?q?J=C3=B6rg?= <j@x.de>\nSubject: a  \t b\nX-A: 1\nX-A: 2\n\n');
    expect(headerValues(m, 'FROM')).toEqual(['Jörg <j@x.de>']);
    expect(headerValues(m, 'subject')).toEqual(['a b']);
    expect(headerValues(m, 'x-a')).toEqual(['1', '2']);
    expect(headerValues(m, 'x-none')).toEqual([]);
  });
});

describe('Dovecot SEARCH results on the lab fixtures', () => {
  const dir = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
  const fixtures = recordedMessages(readFileSync(dir('dovecot-fixtures.json'), 'utf8'));
  const mailbox = (box: string) =>
    fixtures
      .filter((m) => m.mailbox === box)
      .map((m) => parseMessage(crlf(readFileSync(new URL(`../../content/scenarios/default/mail/${m.source}`, import.meta.url)))));
  const searches = (JSON.parse(readFileSync(dir('dovecot-search.json'), 'utf8')) as {
    searches: { mailbox: string; query: string; result: number[] }[];
  }).searches;
  const boxes = new Map<string, ReturnType<typeof mailbox>>();

  /** The simple matcher worker/imap/search uses: case-insensitive substring. */
  const has = (hay: string, needle: string) => hay.toLowerCase().includes(needle.toLowerCase());
  const unq = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);

  for (const s of searches) {
    it(`${s.mailbox}: SEARCH ${s.query}`, () => {
      if (!boxes.has(s.mailbox)) boxes.set(s.mailbox, mailbox(s.mailbox));
      const msgs = boxes.get(s.mailbox)!;
      const q = s.query.replace(/^CHARSET UTF-8 /, '').replace('{}', '');
      const [, key, rest] = /^(\S+) (.*)$/.exec(q)!;
      const matches = msgs.map((root, i) => {
        let ok: boolean;
        if (key === 'BODY') ok = has(searchableBody(root), unq(rest));
        else if (key === 'TEXT') ok = has(searchableText(root), unq(rest));
        else if (key === 'HEADER') {
          const [, name, value] = /^(\S+) (.*)$/.exec(rest)!;
          const values = headerValues(root, name, 'header');
          const needle = unq(value);
          ok = needle === '' ? values.length > 0 : values.some((v) => has(v, needle));
        } else ok = headerValues(root, key).some((v) => has(v, unq(rest)));
        return ok ? i + 1 : 0;
      });
      expect(matches.filter((n) => n > 0)).toEqual(s.result);
    });
  }
});
