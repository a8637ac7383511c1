import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, binBytes } from './bytes';
import { parseMessage } from './parse';
import { readHeaderFields } from './header';
import { type SectionSpec, fetchSection, findPart, messageHeaderFields, parseSection, partial } from './section';

const crlf = (s: string) => binBytes(s.replace(/\r?\n/g, '\r\n'));
const MSG = crlf(`From: a@example.com
Subject: sections
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=o

--o
Content-Type: text/plain

one
--o
Content-Type: message/rfc822

Subject: inner
From: b@example.com

inner text
--o
Content-Type: multipart/alternative; boundary=i

--i

alt1
--i
Content-Type: message/rfc822

Subject: deepest

deep body
--i--
--o--
`);
const root = parseMessage(MSG);
const get = (spec: SectionSpec) => bin(fetchSection(MSG, root, spec));
const sec = (s: string) => get(parseSection(s)!);

describe('parseSection', () => {
  it('accepts what Dovecot accepts', () => {
    expect(parseSection('')).toEqual({ part: [] });
    expect(parseSection('1.2')).toEqual({ part: [1, 2] });
    expect(parseSection('header')).toEqual({ part: [], text: 'HEADER' });
    expect(parseSection('2.MIME')).toEqual({ part: [2], text: 'MIME' });
    expect(parseSection('HEADER.FIELDS (From "X-A")')).toEqual({ part: [], text: 'HEADER.FIELDS', fields: ['From', 'X-A'] });
    expect(parseSection('3.HEADER.FIELDS.NOT (To)')).toEqual({ part: [3], text: 'HEADER.FIELDS.NOT', fields: ['To'] });
  });
  it('rejects what Dovecot answers BAD', () => {
    for (const bad of ['MIME', '1.', '1..2', 'FOO', '1.FOO', 'HEADER.FIELDS ()', '1HEADER']) expect(parseSection(bad)).toBeNull();
  });
});

describe('fetchSection', () => {
  it('whole message, header, text', () => {
    expect(sec('')).toBe(bin(MSG));
    expect(sec('HEADER')).toBe('From: a@example.com\r\nSubject: sections\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n');
    expect(sec('TEXT').startsWith('--o\r\n')).toBe(true);
  });
  it('numbered parts and MIME headers', () => {
    expect(sec('1')).toBe('one');
    expect(sec('1.MIME')).toBe('Content-Type: text/plain\r\n\r\n');
    expect(sec('3.1')).toBe('alt1');
    expect(sec('3.2.MIME')).toBe('Content-Type: message/rfc822\r\n\r\n');
    expect(sec('3').startsWith('--i\r\n')).toBe(true);
  });
  it('message/rfc822 parts: HEADER, TEXT, HEADER.FIELDS, and numbers into the inner message', () => {
    expect(sec('2.HEADER')).toBe('Subject: inner\r\nFrom: b@example.com\r\n\r\n');
    expect(sec('2.TEXT')).toBe('inner text');
    expect(sec('2.1')).toBe('inner text');
    expect(sec('2.HEADER.FIELDS (from)')).toBe('From: b@example.com\r\n\r\n');
    expect(sec('2.HEADER.FIELDS.NOT (FROM)')).toBe('Subject: inner\r\n\r\n');
    expect(sec('3.2.TEXT')).toBe('deep body');
    expect(sec('3.2.1')).toBe('deep body');
  });
  it("Dovecot's quirks: [0], missing parts, HEADER of a non-message part", () => {
    expect(sec('0')).toBe('one'); // part 0 of a multipart is its first part
    expect(findPart(root, [0])).toBe(root.children[0]);
    expect(sec('9')).toBe('');
    expect(sec('1.1')).toBe('one'); // "1" again on a leaf part is the part itself
    expect(sec('1.1.1')).toBe('');
    expect(sec('1.HEADER')).toBe('');
    expect(get({ part: [], text: 'MIME' })).toBe('');
    const single = parseMessage(crlf('Subject: s\n\nbody\n'));
    const raw = single.raw;
    expect(bin(fetchSection(raw, single, { part: [1] }))).toBe('body\r\n');
    expect(bin(fetchSection(raw, single, { part: [1], text: 'MIME' }))).toBe('Subject: s\r\n\r\n');
    expect(bin(fetchSection(raw, single, { part: [0] }))).toBe('');
    expect(bin(fetchSection(raw, single, { part: [2] }))).toBe('');
  });
  it('HEADER.FIELDS: message order, continuation lines, blank line always added for the message', () => {
    const m = parseMessage(crlf('To: x\nSubject: a\n  b\nto: y\n'));
    expect(bin(fetchSection(m.raw, m, { part: [], text: 'HEADER.FIELDS', fields: ['SUBJECT', 'TO'] }))).toBe(
      'To: x\r\nSubject: a\r\n  b\r\nto: y\r\n\r\n',
    );
    expect(bin(fetchSection(m.raw, m, { part: [], text: 'HEADER.FIELDS.NOT', fields: ['to'] }))).toBe('Subject: a\r\n  b\r\n');
  });
  it('output is CRLF with NUL as 0x80, whatever was stored', () => {
    const m = parseMessage(binBytes('Subject: x\n\na\x00b\nc\n'));
    expect(bin(fetchSection(m.raw, m, { part: [] }))).toBe('Subject: x\r\n\r\na\x80b\r\nc\r\n');
    expect(bin(fetchSection(m.raw, m, { part: [], text: 'TEXT' }))).toBe('a\x80b\r\nc\r\n');
  });
  it('a header field is rewritten for what it holds, whatever the rest of the message holds', () => {
    // The body's bare LF and NUL do not reach a CRLF field; a field's own bare LF does get its CR.
    const m = parseMessage(binBytes('Subject: x\r\nFrom: a\nTo: b\r\n\r\nbody\nwith\x00\n'));
    expect(bin(fetchSection(m.raw, m, { part: [], text: 'HEADER.FIELDS', fields: ['Subject'] }))).toBe('Subject: x\r\n\r\n');
    expect(bin(fetchSection(m.raw, m, { part: [], text: 'HEADER.FIELDS', fields: ['From', 'To'] }))).toBe('From: a\r\nTo: b\r\n\r\n');
    expect(bin(fetchSection(m.raw, m, { part: [], text: 'TEXT' }))).toBe('body\r\nwith\x80\r\n');
  });
  it('refuses the part tree of another message', () => {
    expect(() => fetchSection(MSG.subarray(1), root, { part: [] })).toThrow();
  });
});

describe('partial', () => {
  const data = binBytes('0123456789');
  it('origin/count, past the end, to the end', () => {
    expect(bin(partial(data, 2, 3))).toBe('234');
    expect(bin(partial(data, 8, 100))).toBe('89');
    expect(bin(partial(data, 10, 1))).toBe('');
    expect(bin(partial(data, 4))).toBe('456789');
  });
});

describe('HEADER.FIELDS of the message from its header alone', () => {
  // A mailbox listing asks for a few fields of every message: messageHeaderFields answers
  // without parsing the bodies, and must give exactly what the parsed tree gives.
  const line = fc.oneof(
    fc.constantFrom('From: a@example.com', 'subject: hi', 'SUBJECT:x', 'Date: 1 Jan 2024', ' folded on', '\tfolded', '', 'no colon', 'To:', 'X-Thing: y'),
    fc.string({ unit: 'binary-ascii', maxLength: 10 }),
  );
  const names = fc.subarray(['From', 'SUBJECT', 'date', 'To', 'X-Missing', 'no colon']);
  it('equals fetchSection on the parsed message, for HEADER.FIELDS and HEADER.FIELDS.NOT', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\r\n', '\n'), fc.boolean(), names, (lines, nl, not, fields) => {
        const raw = binBytes(lines.join(nl));
        const spec: SectionSpec = { part: [], text: not ? 'HEADER.FIELDS.NOT' : 'HEADER.FIELDS', fields: fields.length ? fields : ['From'] };
        expect(bin(messageHeaderFields({ raw, fields: readHeaderFields(raw) }, spec))).toBe(bin(fetchSection(raw, parseMessage(raw), spec)));
      }),
      { numRuns: 500 },
    );
  });
});
